package dev.nabla.tensor.kernel;

/**
 * Float32 activations on the Vector API when it is enabled, and through {@link ElementwiseF32}'s loops
 * otherwise: (leaky) ReLU forward — fused with the bias add of the layer before it — and backward, without
 * branches, which random signs would mispredict half of the time; tanh, fused with the bias add.
 *
 * <p>tanh is built from IEEE arithmetic, not the Vector API's {@code TANH}/{@code EXP}: those round differently
 * in interpreted and compiled code, so results would depend on when the JIT compiled a loop and the same seed
 * would no longer give the same bits. Softmax keeps {@link Math#exp} for the same reason.
 *
 * <p>Not generated into a float64 twin: float64 exists for gradient checks and keeps {@link ElementwiseF64}'s
 * exactly rounded loops.
 */
public final class ActivationsF32 {
    private ActivationsF32() {
    }

    /** y = tanh(x) for the first n elements (y may be x). */
    public static void tanh(float[] x, float[] y, int n) {
        if (Vectorization.enabled()) {
            VectorActivationsF32.tanh(x, y, n);
        } else {
            ElementwiseF32.tanh(x, y, n);
        }
    }

    /** y = max(x, slope·x), 0 ≤ slope &lt; 1, for the first n elements (y may be x). */
    public static void leakyRelu(float[] x, float[] y, int n, float slope) {
        if (Vectorization.enabled()) {
            VectorActivationsF32.leakyRelu(x, 0, y, 0, n, slope);
        } else {
            ElementwiseF32.leakyRelu(x, y, n, slope);
        }
    }

    /**
     * Z = max(Y + 1bᵀ, slope·(Y + 1bᵀ)) in place over a rows × cols matrix: the bias broadcast and the
     * activation of a linear layer in one pass.
     */
    public static void biasLeakyRelu(float[] y, float[] b, int rows, int cols, float slope) {
        if (Vectorization.enabled()) {
            VectorActivationsF32.biasLeakyRelu(y, b, rows, cols, slope);
        } else {
            RowWiseF32.addRow(y, b, y, rows, cols);
            ElementwiseF32.leakyRelu(y, y, rows * cols, slope);
        }
    }

    /** dx (+)= dy ⊙ (y > 0 ? 1 : slope) for the first n elements. */
    public static void leakyReluBackward(float[] y, float[] dy, float[] dx, int n, float slope, boolean acc) {
        if (Vectorization.enabled()) {
            VectorActivationsF32.leakyReluBackward(y, dy, dx, n, slope, acc);
        } else {
            ElementwiseF32.leakyReluBackward(y, dy, dx, n, slope, acc);
        }
    }

    /** Z = tanh(Y + 1bᵀ) in place over a rows × cols matrix, the bias broadcast and activation in one pass. */
    public static void biasTanh(float[] y, float[] b, int rows, int cols) {
        if (Vectorization.enabled()) {
            VectorActivationsF32.biasTanh(y, b, rows, cols);
        } else {
            RowWiseF32.addRow(y, b, y, rows, cols);
            ElementwiseF32.tanh(y, y, rows * cols);
        }
    }

    /**
     * Σ_i −log softmax(z_i)[label_i], leaving softmax(Z) in {@code probs} (one exponential per logit, see
     * {@link RowWiseF32#softmaxCrossEntropy}). Labels are assumed checked.
     */
    public static double softmaxCrossEntropy(float[] z, int[] labels, float[] probs, int rows, int cols) {
        return RowWiseF32.softmaxCrossEntropy(z, labels, probs, rows, cols);
    }
}
