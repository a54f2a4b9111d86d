package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PointwiseTest {
    private static final double SLOPE = 0.05;

    private static double reference(Activation f, double x) {
        return switch (f) {
            case IDENTITY -> x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> Math.max(0, x);
            case LEAKY_RELU -> x > 0 ? x : SLOPE * x;
            default -> throw new IllegalArgumentException(f + ": see SmoothActivationTest");
        };
    }

    private static final double[] XS = {-3.5, -1, -0.2, -0.01, 0.01, 0.3, 1, 2.75};

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "TANH", "SIGMOID", "RELU", "LEAKY_RELU"})
    void activationsComputeTheirFormula(Activation f) {
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.of(XS).to(dtype);
            Tensor y = Tensor.zeros(dtype, XS.length);
            Pointwise.activate(f, SLOPE, x, y);
            for (int i = 0; i < XS.length; i++) {
                assertThat(y.get(i)).as("%s(%s) in %s", f, XS[i], dtype)
                        .isCloseTo(reference(f, XS[i]), within(dtype == DType.F32 ? 1e-6 : 1e-15));
            }
            Pointwise.activate(f, SLOPE, x, x);
            assertThat(x.toDoubleArray()).as("in place").containsExactly(y.toDoubleArray());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "TANH", "SIGMOID", "RELU", "LEAKY_RELU"})
    void activationDerivativesFromTheOutputMatchFiniteDifferences(Activation f) {
        Tensor x = Tensor.of(XS);
        Tensor y = Tensor.zeros(DType.F64, XS.length);
        Pointwise.activate(f, SLOPE, x, y);
        Tensor dy = Tensor.zeros(DType.F64, XS.length);
        for (int i = 0; i < XS.length; i++) {
            dy.set(i, 0.5 + i);
        }
        Tensor dx = Tensor.full(DType.F64, 123, XS.length);
        Pointwise.activationBackward(f, SLOPE, null, y, dy, dx, false);
        Tensor acc = Tensor.full(DType.F64, 1, XS.length);
        Pointwise.activationBackward(f, SLOPE, null, y, dy, acc, true);

        double h = 1e-6;
        for (int i = 0; i < XS.length; i++) {
            double numeric = (reference(f, XS[i] + h) - reference(f, XS[i] - h)) / (2 * h);
            assertThat(dx.get(i)).as("%s′(%s)", f, XS[i]).isCloseTo(dy.get(i) * numeric, within(1e-8));
            assertThat(acc.get(i)).isCloseTo(1 + dy.get(i) * numeric, within(1e-8));
        }
    }

    @Property
    void sigmoidIsFiniteAndSymmetric(@ForAll @DoubleRange(min = -1000, max = 1000) double v) {
        for (DType dtype : DType.values()) {
            Tensor y = Tensor.zeros(dtype, 2);
            Pointwise.activate(Activation.SIGMOID, 0, Tensor.of(v, -v).to(dtype), y);
            assertThat(y.get(0)).isBetween(0.0, 1.0);
            assertThat(y.get(0) + y.get(1)).isCloseTo(1, within(dtype == DType.F32 ? 1e-6 : 1e-12));
        }
    }

    @Test
    void sigmoidAndTanhSaturateWithoutNaN() {
        Tensor x = Tensor.of(new float[] {-1000, 1000});
        Tensor y = Tensor.zeros(DType.F32, 2);
        Pointwise.activate(Activation.SIGMOID, 0, x, y);
        assertThat(y.toDoubleArray()).containsExactly(0, 1);
        Pointwise.activate(Activation.TANH, 0, x, y);
        assertThat(y.toDoubleArray()).containsExactly(-1, 1);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void arithmetic(DType dtype) {
        Tensor a = Tensor.of(1.0, -2, 3).to(dtype);
        Tensor b = Tensor.of(4.0, 5, -6).to(dtype);
        Tensor out = Tensor.zeros(dtype, 3);

        Pointwise.axpby(2, a, -1, b, out);
        assertThat(out.toDoubleArray()).containsExactly(-2, -9, 12);
        Pointwise.axpby(3, a, 0, Tensor.full(dtype, Double.NaN, 3), out);
        assertThat(out.toDoubleArray()).as("β = 0 ignores b").containsExactly(3, -6, 9);
        Pointwise.axpy(0.5, b, out);
        assertThat(out.toDoubleArray()).containsExactly(5, -3.5, 6);
        Pointwise.mul(a, b, out, false);
        assertThat(out.toDoubleArray()).containsExactly(4, -10, -18);
        Pointwise.mul(a, b, out, true);
        assertThat(out.toDoubleArray()).containsExactly(8, -20, -36);
        Pointwise.fill(1.5, out, false);
        assertThat(out.toDoubleArray()).containsExactly(1.5, 1.5, 1.5);
        Pointwise.fill(1, out, true);
        assertThat(out.toDoubleArray()).containsExactly(2.5, 2.5, 2.5);
        assertThat(Pointwise.sum(a)).isEqualTo(2.0);
        assertThat(Pointwise.sumOfSquares(b)).isEqualTo(77.0);
    }

    @Test
    void shapeAndDTypeErrorsNameBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 5);
        assertThatThrownBy(() -> Pointwise.mul(a, b, a, false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Pointwise.axpy(1, a, b)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Pointwise.axpby(1, a, 1, b, a)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Pointwise.activate(Activation.TANH, 0, a, b)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("tanh").hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Pointwise.activationBackward(Activation.RELU, 0, null, a, a, b, false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Pointwise.axpy(1, a, Tensor.zeros(DType.F64, 2, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("F32").hasMessageContaining("F64");
    }

    @Test
    void activationIdsRoundTrip() {
        for (Activation a : Activation.values()) {
            assertThat(Activation.fromId(a.id())).isEqualTo(a);
            assertThat(Activation.fromId(a.id().toUpperCase(java.util.Locale.ROOT))).isEqualTo(a);
        }
        assertThat(Activation.LEAKY_RELU.id()).isEqualTo("leaky_relu");
        assertThatThrownBy(() -> Activation.fromId("swish")).hasMessageContaining("'swish'")
                .hasMessageContaining("gelu_tanh, silu, elu, softplus");
    }

    @Test
    void aNegativeLeakyReluSlopeIsRejectedBecauseItsDerivativeWouldBeReadFromTheWrongSign() {
        Tensor x = Tensor.of(-1.0, 2.0);
        Tensor y = Tensor.zeros(DType.F64, 2);
        assertThatThrownBy(() -> Pointwise.activate(Activation.LEAKY_RELU, -0.5, x, y))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.5");
        assertThatThrownBy(() -> Pointwise.activationBackward(Activation.LEAKY_RELU, Double.NaN, null, y, x, y.copy(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
