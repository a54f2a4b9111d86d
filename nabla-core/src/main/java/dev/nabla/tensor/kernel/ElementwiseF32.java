package dev.nabla.tensor.kernel;

/**
 * Float32 loops over flat arrays: activations and their derivatives, and the pointwise arithmetic of
 * backpropagation. Derivatives are taken from the activation's output y so that forward results can be
 * computed in place. {@code acc} selects {@code dx += …} (true) over {@code dx = …} (false).
 */
public final class ElementwiseF32 {
    private ElementwiseF32() {
    }

    /** y = tanh(x). */
    public static void tanh(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    /** dx (+)= dy ⊙ (1 − y²). */
    public static void tanhBackward(float[] y, float[] dy, float[] dx, int n, boolean acc) {
        for (int i = 0; i < n; i++) {
            float g = dy[i] * (1f - y[i] * y[i]);
            dx[i] = acc ? dx[i] + g : g;
        }
    }

    /** y = σ(x) = 1 / (1 + e^{−x}), evaluated without overflow for large |x|. */
    public static void sigmoid(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            if (v >= 0f) {
                y[i] = (float) (1.0 / (1.0 + Math.exp(-v)));
            } else {
                double e = Math.exp(v);
                y[i] = (float) (e / (1.0 + e));
            }
        }
    }

    /** dx (+)= dy ⊙ y(1 − y). */
    public static void sigmoidBackward(float[] y, float[] dy, float[] dx, int n, boolean acc) {
        for (int i = 0; i < n; i++) {
            float g = dy[i] * y[i] * (1f - y[i]);
            dx[i] = acc ? dx[i] + g : g;
        }
    }

    /** y = max(x, slope·x) for 0 ≤ slope < 1: ReLU when slope = 0, leaky ReLU otherwise. */
    public static void leakyRelu(float[] x, float[] y, int n, float slope) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            y[i] = v > 0f ? v : v * slope;
        }
    }

    /** dx (+)= dy ⊙ (y > 0 ? 1 : slope); y > 0 exactly when x > 0. */
    public static void leakyReluBackward(float[] y, float[] dy, float[] dx, int n, float slope, boolean acc) {
        for (int i = 0; i < n; i++) {
            float g = y[i] > 0f ? dy[i] : dy[i] * slope;
            dx[i] = acc ? dx[i] + g : g;
        }
    }

    /** out = α·a + β·b (out may alias a or b). */
    public static void axpby(float alpha, float[] a, float beta, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = alpha * a[i] + beta * b[i];
        }
    }

    /** y += α·x. */
    public static void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** out (+)= a ⊙ b. */
    public static void mul(float[] a, float[] b, float[] out, int n, boolean acc) {
        for (int i = 0; i < n; i++) {
            float g = a[i] * b[i];
            out[i] = acc ? out[i] + g : g;
        }
    }

    /** Σ x, accumulated in double so that long sums keep their precision. */
    public static double sum(float[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    /** Σ x², accumulated in double. */
    public static double sumOfSquares(float[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) x[i] * x[i];
        }
        return s;
    }

    /** out (+)= α (a broadcast scalar). */
    public static void fill(float alpha, float[] out, int n, boolean acc) {
        for (int i = 0; i < n; i++) {
            out[i] = acc ? out[i] + alpha : alpha;
        }
    }
}
