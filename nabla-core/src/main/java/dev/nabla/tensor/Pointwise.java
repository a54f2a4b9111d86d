package dev.nabla.tensor;

import dev.nabla.tensor.kernel.ElementwiseF32;
import dev.nabla.tensor.kernel.ElementwiseF64;
import dev.nabla.tensor.kernel.ActivationsF32;

/**
 * Elementwise operations on tensors of equal shape and dtype. Arguments named {@code out} or {@code dx} are
 * written, and {@code y} in {@link #activate}; the others are only read. {@code acc} selects {@code out += …} over
 * {@code out = …}.
 */
public final class Pointwise {
    private Pointwise() {
    }

    /** y = f(x) (y may be x). */
    public static void activate(Activation f, double slope, Tensor x, Tensor y) {
        Shapes.requireSame(f.id(), x, y);
        requireSlope(f, slope);
        int n = x.size();
        boolean f32 = x.dtype() == DType.F32;
        switch (f) {
            case IDENTITY -> {
                if (x != y) {
                    y.copyFromInPlace(x);
                }
            }
            case TANH -> {
                if (f32) ActivationsF32.tanh(x.floats(), y.floats(), n);
                else ElementwiseF64.tanh(x.doubles(), y.doubles(), n);
            }
            case SIGMOID -> {
                if (f32) ElementwiseF32.sigmoid(x.floats(), y.floats(), n);
                else ElementwiseF64.sigmoid(x.doubles(), y.doubles(), n);
            }
            case RELU, LEAKY_RELU -> {
                double s = f == Activation.RELU ? 0 : slope;
                if (f32) ActivationsF32.leakyRelu(x.floats(), y.floats(), n, (float) s);
                else ElementwiseF64.leakyRelu(x.doubles(), y.doubles(), n, s);
            }
        }
    }

    /** dx (+)= dy ⊙ f′, with f′ computed from the output y = f(x). */
    public static void activationBackward(Activation f, double slope, Tensor y, Tensor dy, Tensor dx, boolean acc) {
        Shapes.requireSame(f.backwardOp(), y, dy);
        Shapes.requireSame(f.backwardOp(), y, dx);
        requireSlope(f, slope);
        int n = y.size();
        boolean f32 = y.dtype() == DType.F32;
        switch (f) {
            case IDENTITY -> axpby(1, dy, acc ? 1 : 0, dx, dx);
            case TANH -> {
                if (f32) ElementwiseF32.tanhBackward(y.floats(), dy.floats(), dx.floats(), n, acc);
                else ElementwiseF64.tanhBackward(y.doubles(), dy.doubles(), dx.doubles(), n, acc);
            }
            case SIGMOID -> {
                if (f32) ElementwiseF32.sigmoidBackward(y.floats(), dy.floats(), dx.floats(), n, acc);
                else ElementwiseF64.sigmoidBackward(y.doubles(), dy.doubles(), dx.doubles(), n, acc);
            }
            case RELU, LEAKY_RELU -> {
                double s = f == Activation.RELU ? 0 : slope;
                if (f32) ActivationsF32.leakyReluBackward(y.floats(), dy.floats(), dx.floats(), n, (float) s, acc);
                else ElementwiseF64.leakyReluBackward(y.doubles(), dy.doubles(), dx.doubles(), n, s, acc);
            }
        }
    }

    /**
     * y = f(y + 1bᵀ) in place, for y of shape rows × cols and b of shape [cols]: a linear layer's bias and
     * activation, in one pass where a fused kernel exists (float32 ReLU, leaky ReLU and tanh).
     */
    public static void addRowActivate(Activation f, double slope, Tensor y, Tensor b) {
        requireSlope(f, slope);
        Shapes.requireRowVector("add", y, b);
        if (y.dtype() == DType.F32 && (f == Activation.RELU || f == Activation.LEAKY_RELU)) {
            ActivationsF32.biasLeakyRelu(y.floats(), b.floats(), y.rows(), y.cols(),
                    f == Activation.RELU ? 0f : (float) slope);
        } else if (y.dtype() == DType.F32 && f == Activation.TANH) {
            ActivationsF32.biasTanh(y.floats(), b.floats(), y.rows(), y.cols());
        } else {
            Linalg.addRow(y, b, y);
            activate(f, slope, y, y);
        }
    }

    /** f′ is read from the output's sign, which matches the input's only for a slope ≥ 0. */
    private static void requireSlope(Activation f, double slope) {
        if (f == Activation.LEAKY_RELU && !(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must lie in [0, 1), got " + slope);
        }
    }

    /** out = α·a + β·b (out may alias a or b); β = 0 ignores b. */
    public static void axpby(double alpha, Tensor a, double beta, Tensor b, Tensor out) {
        Shapes.requireSame("axpby", a, out);
        if (beta == 0) {
            b = a;
        }
        Shapes.requireSame("axpby", b, out);
        if (a.dtype() == DType.F32) {
            ElementwiseF32.axpby((float) alpha, a.floats(), (float) beta, b.floats(), out.floats(), a.size());
        } else {
            ElementwiseF64.axpby(alpha, a.doubles(), beta, b.doubles(), out.doubles(), a.size());
        }
    }

    /** y += α·x. */
    public static void axpy(double alpha, Tensor x, Tensor y) {
        Shapes.requireSame("axpy", x, y);
        if (x.dtype() == DType.F32) {
            ElementwiseF32.axpy((float) alpha, x.floats(), y.floats(), x.size());
        } else {
            ElementwiseF64.axpy(alpha, x.doubles(), y.doubles(), x.size());
        }
    }

    /** out (+)= a ⊙ b. */
    public static void mul(Tensor a, Tensor b, Tensor out, boolean acc) {
        Shapes.requireSame("mul", a, b);
        Shapes.requireSame("mul", a, out);
        if (a.dtype() == DType.F32) {
            ElementwiseF32.mul(a.floats(), b.floats(), out.floats(), a.size(), acc);
        } else {
            ElementwiseF64.mul(a.doubles(), b.doubles(), out.doubles(), a.size(), acc);
        }
    }

    /** out (+)= α at every element. */
    public static void fill(double alpha, Tensor out, boolean acc) {
        if (out.dtype() == DType.F32) {
            ElementwiseF32.fill((float) alpha, out.floats(), out.size(), acc);
        } else {
            ElementwiseF64.fill(alpha, out.doubles(), out.size(), acc);
        }
    }

    /** Σ x. */
    public static double sum(Tensor x) {
        return x.dtype() == DType.F32 ? ElementwiseF32.sum(x.floats(), x.size()) : ElementwiseF64.sum(x.doubles(), x.size());
    }

    /** Σ x². */
    public static double sumOfSquares(Tensor x) {
        return x.dtype() == DType.F32
                ? ElementwiseF32.sumOfSquares(x.floats(), x.size())
                : ElementwiseF64.sumOfSquares(x.doubles(), x.size());
    }

    /** Whether every element of {@code t} is a finite number (no NaN, no ±∞). */
    public static boolean allFinite(Tensor t) {
        return t.dtype() == DType.F32 ? dev.nabla.tensor.kernel.Finite.all(t.floats(), t.size())
                : dev.nabla.tensor.kernel.Finite.all(t.doubles(), t.size());
    }
}
