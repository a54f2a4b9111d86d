package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import dev.nabla.testing.Reference;
import dev.nabla.testing.TorchReference;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GELU (both forms), SiLU, ELU and Softplus forward and backward against PyTorch (float64, scripts/torch-reference.py),
 * in float64 and float32, and GELU against its 40-digit value where PyTorch's own formula cancels.
 */
class SmoothActivationTest {
    private static final Map<String, Activation> BY_NAME = Map.of("gelu", Activation.GELU,
            "gelu_tanh", Activation.GELU_TANH, "silu", Activation.SILU, "elu", Activation.ELU,
            "elu(0.5)", Activation.ELU, "softplus", Activation.SOFTPLUS);

    @ParameterizedTest
    @ValueSource(strings = {"gelu", "gelu_tanh", "silu", "elu", "elu(0.5)", "softplus"})
    void float64MatchesPyTorch(String name) {
        JsonElement ref = Reference.field(Reference.load("activations.json"), name);
        Activation f = BY_NAME.get(name);
        double p = name.equals("elu(0.5)") ? 0.5 : f.defaultParameter();
        Tensor x = Reference.tensor(Reference.field(ref, "x"));
        double[] y = TorchReference.doubles(Reference.field(ref, "y"));
        double[] slope = TorchReference.doubles(Reference.field(ref, "dy_dx"));
        Tensor out = Tensor.zeros(DType.F64, x.size());
        Pointwise.activate(f, p, x, out);
        Tensor dy = Tensor.full(DType.F64, 1, x.size());
        Tensor dx = Tensor.full(DType.F64, 0.5, x.size());
        Pointwise.activationBackward(f, p, x, out, dy, dx, true);
        for (int i = 0; i < x.size(); i++) {
            // PyTorch's ½x(1 + erf) rounds the far GELU tail to 0 where ours keeps x·Φ(x) ≈ 1e-32: absolute floor.
            assertThat(out.get(i)).as("%s(%s)", name, x.get(i)).isCloseTo(y[i], tolerance(y[i], 2e-15));
            assertThat(dx.get(i) - 0.5).as("%s′(%s)", name, x.get(i)).isCloseTo(slope[i], tolerance(slope[i], 4e-15));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gelu", "gelu_tanh", "silu", "elu", "softplus"})
    void float32IsWithinAFloatUlpOfPyTorchsFloat64(String name) {
        JsonElement ref = Reference.field(Reference.load("activations.json"), name);
        Activation f = BY_NAME.get(name);
        double[] xs = TorchReference.doubles(Reference.field(ref, "x"));
        float[] x32 = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            x32[i] = (float) xs[i];
        }
        Tensor x = Tensor.wrap(x32, x32.length);
        Tensor y = Tensor.zeros(DType.F32, x32.length);
        Pointwise.activate(f, f.defaultParameter(), x, y);
        Tensor dx = Tensor.zeros(DType.F32, x32.length);
        Pointwise.activationBackward(f, f.defaultParameter(), x, y, Tensor.full(DType.F32, 1, x32.length), dx, false);
        double[] expected = TorchReference.doubles(Reference.field(ref, "y"));
        double[] slope = TorchReference.doubles(Reference.field(ref, "dy_dx"));
        for (int i = 0; i < xs.length; i++) {
            assertThat(y.get(i)).as("%s(%s)", name, xs[i]).isCloseTo(expected[i], tolerance(expected[i], 1.2e-7));
            assertThat(dx.get(i)).as("%s′(%s)", name, xs[i]).isCloseTo(slope[i], tolerance(slope[i], 1.2e-7));
        }
        Pointwise.activate(f, f.defaultParameter(), x, x);
        assertThat(x.floats()).as("in place").containsExactly(y.floats());
    }

    @org.junit.jupiter.api.Test
    void geluKeepsItsRelativePrecisionInTheLowerTail() {
        JsonElement ref = Reference.field(Reference.load("activations.json"), "gelu_exact");
        Tensor x = Reference.tensor(Reference.field(ref, "x"));
        double[] y = TorchReference.doubles(Reference.field(ref, "y"));
        double[] slope = TorchReference.doubles(Reference.field(ref, "dy_dx"));
        Tensor out = Tensor.zeros(DType.F64, x.size());
        Pointwise.activate(Activation.GELU, 0, x, out);
        Tensor dx = Tensor.zeros(DType.F64, x.size());
        Pointwise.activationBackward(Activation.GELU, 0, x, out, Tensor.full(DType.F64, 1, x.size()), dx, false);
        for (int i = 0; i < x.size(); i++) {
            // Φ(x) is 1 − erf(|x|/√2) on x ∈ (−3.54, −1.06]: 2.5e-12 relative there (Erf's comment); further down
            // the rounding of x/√2 moves e^{−x²/2} by up to x²·ε relative (3e-14 at −30).
            double rel = x.get(i) <= -1.06 ? 2.5e-12 : 1e-14;
            assertThat(out.get(i)).as("gelu(%s)", x.get(i)).isCloseTo(y[i], org.assertj.core.data.Offset.offset(
                    rel * Math.abs(y[i]) + Double.MIN_VALUE));
            assertThat(dx.get(i)).as("gelu′(%s)", x.get(i)).isCloseTo(slope[i], org.assertj.core.data.Offset.offset(
                    rel * Math.abs(slope[i]) + 1e-300));
        }
    }

    private static org.assertj.core.data.Offset<Double> tolerance(double expected, double relative) {
        return org.assertj.core.data.Offset.offset(relative * Math.max(1, Math.abs(expected)));
    }
}
