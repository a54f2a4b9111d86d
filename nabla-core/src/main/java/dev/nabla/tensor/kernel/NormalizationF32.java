package dev.nabla.tensor.kernel;

/**
 * Float32 loops of batch and layer normalisation over a row-major {@code rows × cols} matrix Z. Batch
 * normalisation works per column j over the rows (the batch), with the column index innermost, so every loop
 * streams through memory and the JIT can vectorise across columns without changing any sum's order; layer
 * normalisation works per row. x̂ is the normalised input, r = 1/√(σ² + ε) the inverse standard deviation.
 */
public final class NormalizationF32 {
    private NormalizationF32() {
    }

    /** μ_j = (1/N)·Σ_i z_ij and the biased σ²_j = (1/N)·Σ_i (z_ij − μ_j)², two passes in row order. */
    public static void columnMeanVariance(float[] z, int rows, int cols, float[] mean, float[] variance) {
        columnMeanVariance(z, rows, cols, mean, variance, 0);
    }

    /** {@link #columnMeanVariance(float[], int, int, float[], float[])} for the columns from {@code from} on. */
    static void columnMeanVariance(float[] z, int rows, int cols, float[] mean, float[] variance, int from) {
        java.util.Arrays.fill(mean, from, cols, 0f);
        java.util.Arrays.fill(variance, from, cols, 0f);
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = from; j < cols; j++) {
                mean[j] += z[o + j];
            }
        }
        for (int j = from; j < cols; j++) {
            mean[j] /= rows;
        }
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = from; j < cols; j++) {
                float d = z[o + j] - mean[j];
                variance[j] += d * d;
            }
        }
        for (int j = from; j < cols; j++) {
            variance[j] /= rows;
        }
    }

    /** r_j = 1/√(σ²_j + ε). */
    public static void inverseStd(float[] variance, double eps, float[] r, int cols) {
        for (int j = 0; j < cols; j++) {
            r[j] = (float) (1.0 / Math.sqrt(variance[j] + eps));
        }
    }

    /**
     * μ_run ← (1 − m)·μ_run + m·μ and σ²_run ← (1 − m)·σ²_run + m·σ²·N/(N − 1), PyTorch's running statistics
     * (the unbiased variance).
     */
    public static void updateRunning(float[] mean, float[] variance, int rows, double momentum, float[] runningMean,
            float[] runningVariance, int cols) {
        double unbias = rows / (rows - 1.0);
        for (int j = 0; j < cols; j++) {
            runningMean[j] = (float) ((1 - momentum) * runningMean[j] + momentum * mean[j]);
            runningVariance[j] = (float) ((1 - momentum) * runningVariance[j] + momentum * (variance[j] * unbias));
        }
    }

    /** x̂_ij = (z_ij − μ_j)·r_j and y_ij = γ_j·x̂_ij + β_j, column statistics μ and r. */
    public static void normalizeColumns(float[] z, float[] mean, float[] r, float[] gamma, float[] beta, float[] xhat,
            float[] y, int rows, int cols) {
        normalizeColumns(z, mean, r, gamma, beta, xhat, y, rows, cols, 0);
    }

    /** {@link #normalizeColumns(float[], float[], float[], float[], float[], float[], float[], int, int)} from column {@code from} on. */
    static void normalizeColumns(float[] z, float[] mean, float[] r, float[] gamma, float[] beta, float[] xhat,
            float[] y, int rows, int cols, int from) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = from; j < cols; j++) {
                float h = (z[o + j] - mean[j]) * r[j];
                xhat[o + j] = h;
                y[o + j] = gamma[j] * h + beta[j];
            }
        }
    }

    /**
     * Batch-norm backward. s1_j = Σ_i ȳ_ij and s2_j = Σ_i ȳ_ij·x̂_ij (β̄ and γ̄); then, with batch statistics,
     * z̄_ij (+)= γ_j·r_j·(ȳ_ij − s1_j/N − x̂_ij·s2_j/N), or with fixed (running) statistics z̄_ij (+)= γ_j·r_j·ȳ_ij.
     */
    public static void batchNormBackward(float[] dy, float[] xhat, float[] gamma, float[] r, boolean batchStatistics,
            float[] s1, float[] s2, float[] dz, boolean acc, int rows, int cols) {
        batchNormBackward(dy, xhat, gamma, r, batchStatistics, s1, s2, dz, acc, rows, cols, 0);
    }

    /** The backward pass for the columns from {@code from} on. */
    static void batchNormBackward(float[] dy, float[] xhat, float[] gamma, float[] r, boolean batchStatistics,
            float[] s1, float[] s2, float[] dz, boolean acc, int rows, int cols, int from) {
        java.util.Arrays.fill(s1, from, cols, 0f);
        java.util.Arrays.fill(s2, from, cols, 0f);
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = from; j < cols; j++) {
                float g = dy[o + j];
                s1[j] += g;
                s2[j] += g * xhat[o + j];
            }
        }
        float inverseRows = batchStatistics ? 1f / rows : 0f;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = from; j < cols; j++) {
                float k = gamma[j] * r[j];
                float g = k * (dy[o + j] - s1[j] * inverseRows - xhat[o + j] * (s2[j] * inverseRows));
                dz[o + j] = acc ? dz[o + j] + g : g;
            }
        }
    }

    /**
     * Layer norm: per row i, μ_i and σ²_i over the columns, r_i = 1/√(σ²_i + ε), x̂_ij = (z_ij − μ_i)·r_i,
     * y_ij = γ_j·x̂_ij + β_j; keeps r_i for the backward pass.
     */
    public static void layerNorm(float[] z, float[] gamma, float[] beta, double eps, float[] xhat, float[] r, float[] y,
            int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            float s = 0f;
            for (int j = 0; j < cols; j++) {
                s += z[o + j];
            }
            float mean = s / cols;
            float v = 0f;
            for (int j = 0; j < cols; j++) {
                float d = z[o + j] - mean;
                v += d * d;
            }
            float ri = (float) (1.0 / Math.sqrt(v / cols + eps));
            r[i] = ri;
            for (int j = 0; j < cols; j++) {
                float h = (z[o + j] - mean) * ri;
                xhat[o + j] = h;
                y[o + j] = gamma[j] * h + beta[j];
            }
        }
    }

    /**
     * Layer-norm backward: γ̄_j += Σ_i ȳ_ij·x̂_ij, β̄_j += Σ_i ȳ_ij, and with ĝ_ij = ȳ_ij·γ_j,
     * z̄_ij (+)= r_i·(ĝ_ij − (1/C)·Σ_k ĝ_ik − x̂_ij·(1/C)·Σ_k ĝ_ik·x̂_ik).
     */
    public static void layerNormBackward(float[] dy, float[] xhat, float[] gamma, float[] r, float[] dgamma,
            float[] dbeta, float[] dz, boolean acc, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            float s1 = 0f;
            float s2 = 0f;
            for (int j = 0; j < cols; j++) {
                float g = dy[o + j];
                float h = xhat[o + j];
                dgamma[j] += g * h;
                dbeta[j] += g;
                float gh = g * gamma[j];
                s1 += gh;
                s2 += gh * h;
            }
            float m1 = s1 / cols;
            float m2 = s2 / cols;
            for (int j = 0; j < cols; j++) {
                float g = r[i] * (dy[o + j] * gamma[j] - m1 - xhat[o + j] * m2);
                dz[o + j] = acc ? dz[o + j] + g : g;
            }
        }
    }
}
