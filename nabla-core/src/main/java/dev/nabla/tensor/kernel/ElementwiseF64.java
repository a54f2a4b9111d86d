// Generated from ElementwiseF32.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
package dev.nabla.tensor.kernel;

/**
 * Float64 loops over flat arrays: activations and their derivatives, and the pointwise arithmetic of
 * backpropagation. Derivatives are taken from the activation's output y so that forward results can be
 * computed in place. {@code acc} selects {@code dx += …} (true) over {@code dx = …} (false).
 */
public final class ElementwiseF64 {
    private ElementwiseF64() {
    }

    /** y = tanh(x). */
    public static void tanh(double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.tanh(x[i]);
        }
    }

    /** dx (+)= dy ⊙ (1 − y²). */
    public static void tanhBackward(double[] y, double[] dy, double[] dx, int n, boolean acc) {
        for (int i = 0; i < n; i++) {
            double g = dy[i] * (1.0 - y[i] * y[i]);
            dx[i] = acc ? dx[i] + g : g;
        }
    }

    /** y = σ(x) = 1 / (1 + e^{−x}), evaluated without overflow for large |x|. */
    public static void sigmoid(double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (v >= 0.0) {
                y[i] = (1.0 / (1.0 + Math.exp(-v)));
            } else {
                double e = Math.exp(v);
                y[i] = (e / (1.0 + e));
            }
        }
    }

    /** dx (+)= dy ⊙ y(1 − y). */
    public static void sigmoidBackward(double[] y, double[] dy, double[] dx, int n, boolean acc) {
        for (int i = 0; i < n; i++) {
            double g = dy[i] * y[i] * (1.0 - y[i]);
            dx[i] = acc ? dx[i] + g : g;
        }
    }

    /** y = max(x, slope·x) for 0 ≤ slope < 1: ReLU when slope = 0, leaky ReLU otherwise. */
    public static void leakyRelu(double[] x, double[] y, int n, double slope) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            y[i] = v > 0.0 ? v : v * slope;
        }
    }

    /** dx (+)= dy ⊙ (y > 0 ? 1 : slope); y > 0 exactly when x > 0. */
    public static void leakyReluBackward(double[] y, double[] dy, double[] dx, int n, double slope, boolean acc) {
        for (int i = 0; i < n; i++) {
            double g = y[i] > 0.0 ? dy[i] : dy[i] * slope;
            dx[i] = acc ? dx[i] + g : g;
        }
    }

    /** out = α·a + β·b (out may alias a or b). */
    public static void axpby(double alpha, double[] a, double beta, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = alpha * a[i] + beta * b[i];
        }
    }

    /** y += α·x. */
    public static void axpy(double alpha, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** out (+)= a ⊙ b. */
    public static void mul(double[] a, double[] b, double[] out, int n, boolean acc) {
        for (int i = 0; i < n; i++) {
            double g = a[i] * b[i];
            out[i] = acc ? out[i] + g : g;
        }
    }

    /** Σ x, accumulated in double so that long sums keep their precision. */
    public static double sum(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    /** Σ x², accumulated in double. */
    public static double sumOfSquares(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    /** out (+)= α (a broadcast scalar). */
    public static void fill(double alpha, double[] out, int n, boolean acc) {
        for (int i = 0; i < n; i++) {
            out[i] = acc ? out[i] + alpha : alpha;
        }
    }
}
