package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half of {@link BatchNormF32}; loaded only when {@link Vectorization#enabled()}. Lanes are
 * columns: each lane does exactly the float operations {@link NormalizationF32} does for its column, in the same
 * order (lanewise +, −, ×, ÷, never fma or a lane reduction), and the columns after the last whole vector take
 * those plain loops, so both paths give the same bits.
 */
final class VectorBatchNormF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorBatchNormF32() {
    }

    /** {@link NormalizationF32#columnMeanVariance}, a strip of L columns at a time with its sums in registers. */
    static void columnMeanVariance(float[] z, int rows, int cols, float[] mean, float[] variance) {
        int bound = S.loopBound(cols);
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < bound; j += L) {
            FloatVector s = zero;
            for (int i = 0; i < rows; i++) {
                s = s.add(FloatVector.fromArray(S, z, i * cols + j));
            }
            FloatVector m = s.div(rows);
            FloatVector v = zero;
            for (int i = 0; i < rows; i++) {
                FloatVector d = FloatVector.fromArray(S, z, i * cols + j).sub(m);
                v = v.add(d.mul(d));
            }
            m.intoArray(mean, j);
            v.div(rows).intoArray(variance, j);
        }
        NormalizationF32.columnMeanVariance(z, rows, cols, mean, variance, bound);
    }

    /** {@link NormalizationF32#normalizeColumns}, row by row. */
    static void normalizeColumns(float[] z, float[] mean, float[] r, float[] gamma, float[] beta, float[] xhat,
            float[] y, int rows, int cols) {
        int bound = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < bound; j += L) {
                FloatVector h = FloatVector.fromArray(S, z, o + j).sub(FloatVector.fromArray(S, mean, j))
                        .mul(FloatVector.fromArray(S, r, j));
                h.intoArray(xhat, o + j);
                FloatVector.fromArray(S, gamma, j).mul(h).add(FloatVector.fromArray(S, beta, j)).intoArray(y, o + j);
            }
        }
        NormalizationF32.normalizeColumns(z, mean, r, gamma, beta, xhat, y, rows, cols, bound);
    }

    /** {@link NormalizationF32#batchNormBackward}: the column sums in registers, then z̄ row by row. */
    static void batchNormBackward(float[] dy, float[] xhat, float[] gamma, float[] r, boolean batchStatistics,
            float[] s1, float[] s2, float[] dz, boolean acc, int rows, int cols) {
        int bound = S.loopBound(cols);
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < bound; j += L) {
            FloatVector a = zero;
            FloatVector b = zero;
            for (int i = 0; i < rows; i++) {
                FloatVector g = FloatVector.fromArray(S, dy, i * cols + j);
                a = a.add(g);
                b = b.add(g.mul(FloatVector.fromArray(S, xhat, i * cols + j)));
            }
            a.intoArray(s1, j);
            b.intoArray(s2, j);
        }
        float inverseRows = batchStatistics ? 1f / rows : 0f;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < bound; j += L) {
                FloatVector k = FloatVector.fromArray(S, gamma, j).mul(FloatVector.fromArray(S, r, j));
                FloatVector a = FloatVector.fromArray(S, s1, j).mul(inverseRows);
                FloatVector b = FloatVector.fromArray(S, s2, j).mul(inverseRows);
                FloatVector g = k.mul(FloatVector.fromArray(S, dy, o + j).sub(a)
                        .sub(FloatVector.fromArray(S, xhat, o + j).mul(b)));
                if (acc) {
                    g = FloatVector.fromArray(S, dz, o + j).add(g);
                }
                g.intoArray(dz, o + j);
            }
        }
        NormalizationF32.batchNormBackward(dy, xhat, gamma, r, batchStatistics, s1, s2, dz, acc, rows, cols, bound);
    }
}
