// Generated from SgemmKernel.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
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
    /**
     * Rows of the tile: 4 rows × 2 vectors = 8 accumulators, the 8 independent FMA chains two 4-cycle FMA units
     * need. Measured on Zen 3 (16 ymm registers): 5 or 6 rows made C2 spill (it hoists the row broadcasts),
     * halving the speed.
     */
    static final int MR = 4;
    /** Columns of the tile: two vectors. */
    static final int NR = 2 * L;

    private DgemmKernel() {
    }

    /**
     * C[0..mr)[0..nr) at {@code c[ci + r·ldc + j]} = α·Σ_p ap·bp + β·C (β = 0 ignores old C), for one tile.
     * Kept as one call per tile: compiled on its own, C2 allocates the accumulators to registers; inlined into
     * the blocking loops it measured 10–20% slower.
     */
    static void tile(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc,
                     double alpha, double beta, int mr, int nr, double[] tile) {
        multiply(kc, ap, ai, bp, bi, tile);
        if (mr == MR && nr == NR) {
            mergeFull(tile, c, ci, ldc, alpha, beta);
        } else {
            mergeEdge(tile, c, ci, ldc, alpha, beta, mr, nr);
        }
    }

    /**
     * tile[r·NR + j] = Σ_p ap[ai + p·MR + r]·bp[bi + p·NR + j] for the MR×NR tile. The accumulators go to a
     * small buffer rather than straight to C: vectors handed to another method may be boxed if it is not
     * inlined, and one merge routine then serves full and edge tiles with identical rounding.
     */
    static void multiply(int kc, double[] ap, int ai, double[] bp, int bi, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00;
        // Indices are affine in p (not separately stepped offsets) so that C2's range-check elimination can hoist
        // the bounds checks of the panel loads out of the loop.
        for (int p = 0; p < kc; p++) {
            int bq = bi + p * NR;
            int aq = ai + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bq);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bq + L);
            DoubleVector a = DoubleVector.broadcast(S, ap[aq]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ap[aq + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ap[aq + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ap[aq + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
    }

    /** C[0..MR)[0..NR) at {@code c[ci + r·ldc + j]} = α·tile + β·C (β = 0 ignores old C); the tile lies inside C. */
    static void mergeFull(double[] tile, double[] c, int ci, int ldc, double alpha, double beta) {
        for (int r = 0; r < MR; r++, ci += ldc) {
            for (int j = 0; j < NR; j += L) {
                DoubleVector t = DoubleVector.fromArray(S, tile, r * NR + j).mul(alpha);
                if (beta != 0.0) {
                    t = t.add(DoubleVector.fromArray(S, c, ci + j).mul(beta));
                }
                t.intoArray(c, ci + j);
            }
        }
    }

    /** The mr×nr corner of {@link #mergeFull}, for tiles cut by the edge of C; same roundings, lane by lane. */
    static void mergeEdge(double[] tile, double[] c, int ci, int ldc, double alpha, double beta, int mr, int nr) {
        for (int r = 0; r < mr; r++, ci += ldc) {
            int t = r * NR;
            if (beta == 0.0) {
                for (int j = 0; j < nr; j++) {
                    c[ci + j] = alpha * tile[t + j];
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    c[ci + j] = alpha * tile[t + j] + beta * c[ci + j];
                }
            }
        }
    }
}
