package dev.nabla.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float64 register-tiled micro-kernel: one MR×NR tile of {@code C = α·Ã·B̃ + β·C} from a packed A panel
 * (MR rows interleaved per k) and a packed B panel (NR columns contiguous per k).
 */
final class DgemmKernel {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the tile: 6 rows × 2 vectors = 12 accumulators, leaving 3 of AVX2's 16 registers for operands. */
    static final int MR = 6;
    /** Columns of the tile: two vectors. */
    static final int NR = 2 * L;

    private DgemmKernel() {
    }

    /**
     * C[0..MR)[0..NR) at {@code c[ci + r·ldc + j]} = α·Σ_p ap·bp + β·C (β = 0 ignores old C). The full tile
     * must lie inside C; edge tiles go through {@link #edge}.
     */
    static void full(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc,
                     double alpha, double beta) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector a = DoubleVector.broadcast(S, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(S, ap[ai + 5]);
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
    static void edge(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc,
                     double alpha, double beta, int mr, int nr, double[] tile) {
        full(kc, ap, ai, bp, bi, tile, 0, NR, 1d, 0d);
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc;
            int t = r * NR;
            if (beta == 0d) {
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

    private static void store(DoubleVector v0, DoubleVector v1, double[] c, int ci, double alpha, double beta) {
        if (beta == 0d) {
            v0.mul(alpha).intoArray(c, ci);
            v1.mul(alpha).intoArray(c, ci + L);
        } else {
            v0.mul(alpha).add(DoubleVector.fromArray(S, c, ci).mul(beta)).intoArray(c, ci);
            v1.mul(alpha).add(DoubleVector.fromArray(S, c, ci + L).mul(beta)).intoArray(c, ci + L);
        }
    }
}
