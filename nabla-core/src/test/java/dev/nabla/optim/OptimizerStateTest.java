package dev.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Parameters;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An optimiser's state, saved and loaded into a fresh one, continues the same trajectory bit for bit. */
class OptimizerStateTest {

    private static Parameters params() {
        Map<String, Variable> named = new LinkedHashMap<>();
        named.put("0.weight", Variable.parameter(Tensor.of(DType.F32, new double[][] {{0.5, -1}, {2, 0.25}})));
        named.put("0.bias", Variable.parameter(Tensor.of(0.1f, -0.3f)));
        return new Parameters(named);
    }

    /** L = Σ θ⁴/4 over all parameters: ∇ = θ³, so every step changes the gradient. */
    private static void gradient(List<Variable> ps) {
        for (Variable p : ps) {
            p.zeroGrad();
            Tensor g = p.gradBuffer();
            for (int i = 0; i < g.size(); i++) {
                double t = p.data().get(i);
                g.set(i, t * t * t);
            }
        }
    }

    private static void run(Optimizer o, int steps) {
        for (int s = 0; s < steps; s++) {
            gradient(o.parameters());
            o.step();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "adam"})
    void aLoadedStateContinuesTheSameTrajectory(String name) {
        OptimizerConfig config = Optimizers.config(name, 0.05, 0.01);
        Optimizer straight = config.create(params());
        run(straight, 6);

        Optimizer first = config.create(params());
        run(first, 3);
        Parameters copy = params();
        for (int i = 0; i < copy.size(); i++) {
            copy.get(i).data().copyFromInPlace(first.parameters().get(i).data());
        }
        Map<String, Tensor> saved = new LinkedHashMap<>();
        first.stateDict().forEach((k, t) -> saved.put(k, t.copy()));
        Optimizer resumed = config.create(copy);
        resumed.loadStateDict(saved);
        run(resumed, 3);
        for (int i = 0; i < copy.size(); i++) {
            assertThat(resumed.parameters().get(i).data().floats()).as(name)
                    .containsExactly(straight.parameters().get(i).data().floats());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "adam"})
    void stateIsKeyedByParameterNameAndSlot(String name) {
        Optimizer o = Optimizers.config(name, 0.05, 0).create(params());
        assertThat(o.stateDict()).as("nothing before the first step").isEmpty();
        run(o, 1);
        if (name.equals("adam")) {
            assertThat(o.stateDict().keySet()).containsExactly("0.weight.step", "0.weight.exp_avg",
                    "0.weight.exp_avg_sq", "0.bias.step", "0.bias.exp_avg", "0.bias.exp_avg_sq");
            assertThat(o.stateDict().get("0.bias.step").item()).isEqualTo(1.0);
        } else {
            assertThat(o.stateDict().keySet()).containsExactly("0.weight.momentum_buffer", "0.bias.momentum_buffer");
        }
        Optimizer plain = Optimizers.config(name, 0.05, 0).create(List.copyOf(params()));
        run(plain, 1);
        assertThat(plain.stateDict().keySet()).allMatch(k -> k.startsWith("0.") || k.startsWith("1."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam"})
    void loadingRefusesUnknownKeysWrongShapesAndPartialParameters(String name) {
        Optimizer o = Optimizers.config(name, 0.05, 0).create(params());
        run(o, 1);
        Map<String, Tensor> state = new LinkedHashMap<>(o.stateDict());
        Optimizer fresh = Optimizers.config(name, 0.05, 0).create(params());

        Map<String, Tensor> unknown = new LinkedHashMap<>(state);
        unknown.put("2.weight.exp_avg", Tensor.zeros(DType.F32, 2));
        assertThatThrownBy(() -> fresh.loadStateDict(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2.weight.exp_avg");
        Map<String, Tensor> shape = new LinkedHashMap<>(state);
        shape.put("0.bias.exp_avg", Tensor.zeros(DType.F32, 3));
        assertThatThrownBy(() -> fresh.loadStateDict(shape)).hasMessageContaining("\"0.bias.exp_avg\" has shape [3]");
        Map<String, Tensor> partial = new LinkedHashMap<>(state);
        partial.remove("0.bias.exp_avg_sq");
        assertThatThrownBy(() -> fresh.loadStateDict(partial)).hasMessageContaining("\"0.bias.exp_avg_sq\" is missing");
        assertThat(fresh.stateDict()).as("unchanged after a refused load").isEmpty();
    }
}
