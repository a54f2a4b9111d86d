package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.testing.TorchReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clipping by value and by the global norm equals {@code torch.nn.utils.clip_grad_value_} and
 * {@code clip_grad_norm_} ({@code scripts/torch-reference/clipping.py}), on its own and in the update half of the
 * training step.
 */
class ClippingTest {
    private static final JsonObject REFERENCE = TorchReference.load("clipping.json");

    static List<String> cases() {
        return TorchReference.names(REFERENCE, "cases", "name");
    }

    private static JsonObject reference(String name) {
        return TorchReference.find(REFERENCE, "cases", "name", name);
    }

    private static Clipping clipping(JsonObject ref) {
        return new Clipping(ref.get("max_norm").getAsDouble(), ref.get("max_value").getAsDouble());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clippedGradientsEqualPyTorchs(String name) {
        JsonObject ref = reference(name);
        Sequential net = TorchReference.network();
        Batch batch = TorchReference.batch();
        try (TrainingStep step = new TrainingStep(net, Objective.SOFTMAX_CROSS_ENTROPY, new Sgd(net.parameters(), 0.5))) {
            step.gradients(batch);
        }
        double norm = clipping(ref).apply(net.parameters());
        if (ref.get("norm").isJsonNull()) {
            assertThat(norm).isNaN();
        } else {
            assertThat(norm).isCloseTo(ref.get("norm").getAsDouble(), org.assertj.core.data.Offset.offset(1e-14));
        }
        JsonObject grads = ref.getAsJsonObject("grads");
        for (Map.Entry<String, Variable> e : net.namedParameters().entrySet()) {
            assertThat(TorchReference.relativeError(TorchReference.values(e.getValue().grad()),
                    TorchReference.doubles(grads.get(e.getKey())), 1e-3)).as(e.getKey()).isLessThan(1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theUpdateHalfClipsBeforeTheOptimiserSteps(String name) {
        JsonObject ref = reference(name);
        Sequential net = TorchReference.network();
        Batch batch = TorchReference.batch();
        try (TrainingStep step = new TrainingStep(net, Objective.SOFTMAX_CROSS_ENTROPY, new Sgd(net.parameters(), 0.5))
                .clipping(clipping(ref))) {
            for (int s = 0; s < 5; s++) {
                step.step(batch);
                JsonObject expected = ref.getAsJsonArray("sgd").get(s).getAsJsonObject();
                for (var e : net.stateDict().entrySet()) {
                    assertThat(TorchReference.relativeError(TorchReference.values(e.getValue()),
                            TorchReference.doubles(expected.get(e.getKey())), 1e-3))
                            .as("%s after step %d", e.getKey(), s + 1).isLessThan(1e-12);
                }
            }
        }
    }

    @Test
    void float32GradientsAreClippedToo() {
        Variable p = Variable.parameter(Tensor.of(0.0f, 0.0f));
        p.gradBuffer().set(0, 3);
        p.gradBuffer().set(1, -4);
        assertThat(Clipping.clipGradNorm(List.of(p), 1)).isEqualTo(5.0);
        assertThat(p.grad().dtype()).isEqualTo(DType.F32);
        assertThat(p.grad().get(0)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(p.grad().get(1)).isCloseTo(-0.8, org.assertj.core.data.Offset.offset(1e-6));
        double first = p.grad().get(0);
        Clipping.clipGradValue(List.of(p), 0.7);
        assertThat(p.grad().toDoubleArray()).containsExactly(first, (double) -0.7f);
    }

    @Test
    void lbfgsRefusesClippingAndBadLimitsAreRefused() {
        Sequential net = TorchReference.network();
        try (TrainingStep step = new TrainingStep(net, Objective.SOFTMAX_CROSS_ENTROPY,
                Optimizers.create("lbfgs", net.parameters(), 1))) {
            assertThatThrownBy(() -> step.clipping(new Clipping(1, 0))).hasMessageContaining("clipping");
            step.clipping(Clipping.NONE);
        }
        assertThatThrownBy(() -> new Clipping(-1, 0)).hasMessageContaining("clip norm");
        assertThatThrownBy(() -> new Clipping(0, Double.NaN)).hasMessageContaining("clip value");
    }
}
