package dev.nabla.tensor.kernel;

/**
 * Float32 batch normalisation on the Vector API when it is enabled, and through {@link NormalizationF32}'s plain
 * loops otherwise — with the same bits either way ({@link VectorBatchNormF32}). The plain loops stride through
 * columns with sums held in arrays, which the JIT does not vectorise; a step of W1's shapes spent ~0.3 ms in them.
 */
public final class BatchNormF32 {
    private BatchNormF32() {
    }

    /** See {@link NormalizationF32#columnMeanVariance}. */
    public static void columnMeanVariance(float[] z, int rows, int cols, float[] mean, float[] variance) {
        if (Vectorization.enabled()) {
            VectorBatchNormF32.columnMeanVariance(z, rows, cols, mean, variance);
        } else {
            NormalizationF32.columnMeanVariance(z, rows, cols, mean, variance);
        }
    }

    /** See {@link NormalizationF32#normalizeColumns}. */
    public static void normalizeColumns(float[] z, float[] mean, float[] r, float[] gamma, float[] beta, float[] xhat,
            float[] y, int rows, int cols) {
        if (Vectorization.enabled()) {
            VectorBatchNormF32.normalizeColumns(z, mean, r, gamma, beta, xhat, y, rows, cols);
        } else {
            NormalizationF32.normalizeColumns(z, mean, r, gamma, beta, xhat, y, rows, cols);
        }
    }

    /** See {@link NormalizationF32#batchNormBackward}. */
    public static void batchNormBackward(float[] dy, float[] xhat, float[] gamma, float[] r, boolean batchStatistics,
            float[] s1, float[] s2, float[] dz, boolean acc, int rows, int cols) {
        if (Vectorization.enabled()) {
            VectorBatchNormF32.batchNormBackward(dy, xhat, gamma, r, batchStatistics, s1, s2, dz, acc, rows, cols);
        } else {
            NormalizationF32.batchNormBackward(dy, xhat, gamma, r, batchStatistics, s1, s2, dz, acc, rows, cols);
        }
    }
}
