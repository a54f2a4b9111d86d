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
import org.junit.jupiter.api.Test;
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

    /** Σ θ⁴/4 over all parameters. */
    private static double loss(List<Variable> ps) {
        double sum = 0;
        for (Variable p : ps) {
            for (int i = 0; i < p.data().size(); i++) {
                double t = p.data().get(i);
                sum += t * t * t * t / 4;
            }
        }
        return sum;
    }

    private static void run(Optimizer o, int steps) {
        for (int s = 0; s < steps; s++) {
            o.step(() -> {
                gradient(o.parameters());
                return loss(o.parameters());
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "rmsprop:momentum=0.9",
            "rmsprop:centered=true,momentum=0.5", "adagrad", "lbfgs:max_iter=2,history_size=2"})
    void aLoadedStateContinuesTheSameTrajectory(String name) {
        OptimizerConfig config = Optimizers.config(name, name.startsWith("lbfgs") ? 1 : 0.05, 0.01);
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
        Optimizer o = Optimizers.config(name, 0.05, 0.0).create(params());
        assertThat(o.stateDict()).as("nothing before the first step").isEmpty();
        run(o, 1);
        if (name.equals("adam")) {
            assertThat(o.stateDict().keySet()).containsExactly("0.weight.step", "0.weight.exp_avg",
                    "0.weight.exp_avg_sq", "0.bias.step", "0.bias.exp_avg", "0.bias.exp_avg_sq");
            assertThat(o.stateDict().get("0.bias.step").item()).isEqualTo(1.0);
        } else {
            assertThat(o.stateDict().keySet()).containsExactly("0.weight.momentum_buffer", "0.bias.momentum_buffer");
        }
        Optimizer plain = Optimizers.config(name, 0.05, 0.0).create(List.copyOf(params()));
        run(plain, 1);
        assertThat(plain.stateDict().keySet()).allMatch(k -> k.startsWith("0.") || k.startsWith("1."));
    }

    @Test
    void rmsPropHasASlotPerOptionSwitchedOn() {
        Optimizer plain = Optimizers.config("rmsprop", 0.01, 0.0).create(params());
        run(plain, 1);
        assertThat(plain.stateDict().keySet()).containsExactly("0.weight.step", "0.weight.square_avg", "0.bias.step",
                "0.bias.square_avg");
        Optimizer both = Optimizers.config("rmsprop:momentum=0.9,centered=true", 0.01, 0.0).create(params());
        run(both, 1);
        assertThat(both.stateDict().keySet()).containsExactly("0.weight.step", "0.weight.square_avg",
                "0.weight.momentum_buffer", "0.weight.grad_avg", "0.bias.step", "0.bias.square_avg",
                "0.bias.momentum_buffer", "0.bias.grad_avg");
        Optimizer fresh = Optimizers.config("rmsprop", 0.01, 0.0).create(params());
        assertThatThrownBy(() -> fresh.loadStateDict(both.stateDict())).hasMessageContaining("momentum_buffer");
    }

    @Test
    void lbfgsKeepsItsGlobalStateUnderTheFirstParameterAsPyTorchDoes() {
        Optimizer o = Optimizers.config("lbfgs:history_size=3", 1.0, 0.0).create(params());
        run(o, 1);
        Map<String, Tensor> state = o.stateDict();
        assertThat(state.keySet()).allMatch(k -> k.startsWith("0.weight.")).contains("0.weight.d",
                "0.weight.old_dirs", "0.weight.old_stps", "0.weight.ro", "0.weight.H_diag", "0.weight.n_iter",
                "0.weight.func_evals", "0.weight.prev_flat_grad", "0.weight.history_length");
        assertThat(state.get("0.weight.old_dirs").shape()).containsExactly(3, 6);
        assertThat(state.get("0.weight.d").shape()).containsExactly(6);
        assertThat(state.get("0.weight.n_iter").item()).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam"})
    void loadingRefusesUnknownKeysWrongShapesAndPartialParameters(String name) {
        Optimizer o = Optimizers.config(name, 0.05, 0.0).create(params());
        run(o, 1);
        Map<String, Tensor> state = new LinkedHashMap<>(o.stateDict());
        Optimizer fresh = Optimizers.config(name, 0.05, 0.0).create(params());

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
