package dev.nabla.tensor.kernel;

/**
 * Float32 row-wise kernels over a row-major {@code rows × cols} matrix: bias broadcast, column sums,
 * softmax and log-softmax with max subtraction, and the fused losses built on them.
 */
public final class RowWiseF32 {
    private RowWiseF32() {
    }

    /** Z = X + 1bᵀ: adds the row vector b to every row (out may alias x). */
    public static void addRow(float[] x, float[] b, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                out[o + j] = x[o + j] + b[j];
            }
        }
    }

    /** out (+)= Xᵀ1: the sum of each column (the bias gradient b̄ = Ḡᵀ1). */
    public static void columnSums(float[] x, float[] out, int rows, int cols, boolean acc) {
        if (!acc) {
            java.util.Arrays.fill(out, 0, cols, 0f);
        }
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += x[o + j];
            }
        }
    }

    /** y_ij = e^{x_ij − m_i} / Σ_k e^{x_ik − m_i} with m_i = max_k x_ik (out may alias x). */
    public static void softmax(float[] x, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            float max = rowMax(x, o, cols);
            double s = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[o + j] - max);
                out[o + j] = e;
                s += e;
            }
            float inv = (float) (1.0 / s);
            for (int j = 0; j < cols; j++) {
                out[o + j] *= inv;
            }
        }
    }

    /** y_ij = x_ij − m_i − log Σ_k e^{x_ik − m_i} (out may alias x). */
    public static void logSoftmax(float[] x, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            double lse = logSumExp(x, o, cols);
            for (int j = 0; j < cols; j++) {
                out[o + j] = (float) (x[o + j] - lse);
            }
        }
    }

    /** dx (+)= y ⊙ (dy − (dy·y)1): the softmax Jacobian-vector product, row by row. */
    public static void softmaxBackward(float[] y, float[] dy, float[] dx, int rows, int cols, boolean acc) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            double dot = 0;
            for (int j = 0; j < cols; j++) {
                dot += (double) dy[o + j] * y[o + j];
            }
            float dt = (float) dot;
            for (int j = 0; j < cols; j++) {
                float g = y[o + j] * (dy[o + j] - dt);
                dx[o + j] = acc ? dx[o + j] + g : g;
            }
        }
    }

    /** dx (+)= dy − softmax(x)·Σ_k dy_k, with softmax recovered as e^{y} from the log-softmax output y. */
    public static void logSoftmaxBackward(float[] y, float[] dy, float[] dx, int rows, int cols, boolean acc) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += dy[o + j];
            }
            float st = (float) s;
            for (int j = 0; j < cols; j++) {
                float g = dy[o + j] - (float) Math.exp(y[o + j]) * st;
                dx[o + j] = acc ? dx[o + j] + g : g;
            }
        }
    }

    /**
     * Σ_i −log softmax(z_i)[label_i]; leaves softmax(Z) in {@code probs} for the backward pass
     * Z̄ = (P − onehot(y))·scale.
     */
    public static double softmaxCrossEntropy(float[] z, int[] labels, float[] probs, int rows, int cols) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            // One exponential per logit: e_j = exp(z_j − max) serves both Σ e (the log-sum-exp) and p_j = e_j / Σ e.
            float max = rowMax(z, o, cols);
            double s = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(z[o + j] - max);
                probs[o + j] = e;
                s += e;
            }
            total += max + Math.log(s) - z[o + labels[i]];
            float inv = (float) (1.0 / s);
            for (int j = 0; j < cols; j++) {
                probs[o + j] *= inv;
            }
        }
        return total;
    }

    /** Σ_i −Σ_k t_ik·log softmax(z_i)_k; leaves softmax(Z) in {@code probs}. */
    public static double softmaxCrossEntropySoft(float[] z, float[] t, float[] probs, int rows, int cols) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            double lse = logSumExp(z, o, cols);
            for (int j = 0; j < cols; j++) {
                double logp = z[o + j] - lse;
                total -= t[o + j] * logp;
                probs[o + j] = (float) Math.exp(logp);
            }
        }
        return total;
    }

    /**
     * Σ y·log(1+e^{−z}) + (1−y)·log(1+e^{z}), each term as max(z,0) − y·z + log(1+e^{−|z|}) so that
     * |z| = 1000 neither overflows nor loses the linear part; leaves σ(z) in {@code probs}.
     */
    public static double binaryCrossEntropy(float[] z, float[] y, float[] probs, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            double v = z[i];
            total += Math.max(v, 0) - y[i] * v + Math.log1p(Math.exp(-Math.abs(v)));
            probs[i] = (float) (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
        }
        return total;
    }

    private static float rowMax(float[] x, int o, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, x[o + j]);
        }
        return max;
    }

    /**
     * log Σ_j e^{x_j} over one row, with the row maximum subtracted first; kept in double, because rounding
     * it to single precision loses up to half a spacing of max (5e-4 at 1e4) in every log-probability.
     */
    private static double logSumExp(float[] x, int o, int cols) {
        float max = rowMax(x, o, cols);
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += Math.exp(x[o + j] - max);
        }
        return max + Math.log(s);
    }
}
