package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.testing.Reference;
import org.junit.jupiter.api.Test;

/** LayerNorm against PyTorch's LayerNorm(5) in float64 (scripts/torch-reference.py). */
class LayerNormTest {

    @Test
    void outputAndGradientsEqualPyTorchs() {
        JsonElement ref = Reference.load("layer_norm.json");
        LayerNorm ln = new LayerNorm(5, Reference.field(ref, "eps").getAsDouble());
        ln.to(DType.F64);
        ln.stateDict().get("weight").copyFromInPlace(Reference.tensor(Reference.field(ref, "weight")));
        ln.stateDict().get("bias").copyFromInPlace(Reference.tensor(Reference.field(ref, "bias")));
        Variable x = Variable.parameter(Reference.tensor(Reference.field(ref, "x")));
        Variable y = ln.forward(x);
        y.mul(Variable.constant(Reference.tensor(Reference.field(ref, "loss_weights")))).sum().backward();
        close(y.data(), ref, "y");
        close(x.grad(), ref, "grad_x");
        close(ln.parameters().get(0).grad(), ref, "grad_weight");
        close(ln.parameters().get(1).grad(), ref, "grad_bias");
        ln.eval();
        close(ln.forward(Variable.constant(x.data())).data(), ref, "y");
    }

    private static void close(Tensor actual, JsonElement ref, String key) {
        Tensor expected = Reference.tensor(Reference.field(ref, key));
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("%s [%d]", key, i).isCloseTo(expected.get(i),
                    org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(expected.get(i)))));
        }
    }
}
