package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 register-tiled micro-kernel: one MR×NR tile of {@code C = α·Ã·B̃ + β·C} from a packed A panel
 * (MR rows interleaved per k) and a packed B panel (NR columns contiguous per k).
 */
final class SgemmKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the tile: 6 rows × 2 vectors = 12 accumulators, leaving 3 of AVX2's 16 registers for operands. */
    static final int MR = 6;
    /** Columns of the tile: two vectors. */
    static final int NR = 2 * L;

    private SgemmKernel() {
    }

    /**
     * C[0..MR)[0..NR) at {@code c[ci + r·ldc + j]} = α·Σ_p ap·bp + β·C (β = 0 ignores old C). The full tile
     * must lie inside C; edge tiles go through {@link #edge}.
     */
    static void full(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                     float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a = FloatVector.broadcast(S, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            ai += MR;
            bi += NR;
        }
        store(c00, c01, c, ci, alpha, beta);
        store(c10, c11, c, ci + ldc, alpha, beta);
        store(c20, c21, c, ci + 2 * ldc, alpha, beta);
        store(c30, c31, c, ci + 3 * ldc, alpha, beta);
        store(c40, c41, c, ci + 4 * ldc, alpha, beta);
        store(c50, c51, c, ci + 5 * ldc, alpha, beta);
    }

    /**
     * An edge tile of mr ≤ MR rows and nr ≤ NR columns: the full tile is computed into {@code tile} (MR×NR,
     * zero-padded panels make the extra lanes harmless) and only the valid part is merged into C, with the same
     * roundings as {@link #full} so the result does not depend on where tile edges fall.
     */
    static void edge(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                     float alpha, float beta, int mr, int nr, float[] tile) {
        full(kc, ap, ai, bp, bi, tile, 0, NR, 1f, 0f);
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc;
            int t = r * NR;
            if (beta == 0f) {
                for (int j = 0; j < nr; j++) {
                    c[row + j] = alpha * tile[t + j];
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    c[row + j] = alpha * tile[t + j] + beta * c[row + j];
                }
            }
        }
    }

    private static void store(FloatVector v0, FloatVector v1, float[] c, int ci, float alpha, float beta) {
        if (beta == 0f) {
            v0.mul(alpha).intoArray(c, ci);
            v1.mul(alpha).intoArray(c, ci + L);
        } else {
            v0.mul(alpha).add(FloatVector.fromArray(S, c, ci).mul(beta)).intoArray(c, ci);
            v1.mul(alpha).add(FloatVector.fromArray(S, c, ci + L).mul(beta)).intoArray(c, ci + L);
        }
    }
}
