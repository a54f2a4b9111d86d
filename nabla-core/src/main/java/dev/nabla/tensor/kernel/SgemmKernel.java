package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 register-tiled micro-kernel: one MR×NR tile of {@code C = α·Ã·B̃ + β·C} from a packed A panel
 * (MR rows interleaved per k) and a packed B panel (NR columns contiguous per k). The tile's shape comes from
 * {@link SgemmBlocking}: 12 rows × 2 vectors on 512-bit vectors, 4 × 2 on narrower ones.
 */
final class SgemmKernel {
    static final VectorSpecies<Float> S = SgemmBlocking.S;
    static final int L = SgemmBlocking.L;
    static final int MR = SgemmBlocking.MR;
    static final int NR = SgemmBlocking.NR;

    private SgemmKernel() {
    }

    /**
     * C[0..mr)[0..nr) at {@code c[ci + r·ldc + j]} = α·Σ_p ap·bp + β·C (β = 0 ignores old C), for one tile (see
     * {@link #multiply} for the layouts).
     * Kept as one call per tile: compiled on its own, C2 allocates the accumulators to registers; inlined into
     * the blocking loops it measured 10–20% slower.
     */
    static void tile(int kc, float[] ap, int ai, float[] bp, int bi, int bs, float[] c, int ci, int ldc,
                     float alpha, float beta, int mr, int nr, float[] tile) {
        multiply(kc, ap, ai, bp, bi, bs, tile);
        if (mr == MR && nr == NR) {
            mergeFull(tile, c, ci, ldc, alpha, beta);
        } else {
            mergeEdge(tile, c, ci, ldc, alpha, beta, mr, nr);
        }
    }

    /**
     * tile[r·NR + j] = Σ_p ap[ai + p·MR + r]·bp[bi + p·bs + j] for the MR×NR tile, each sum a single chain of
     * FMAs in increasing p; bs is NR for a packed panel of B, or B's row stride when its rows are read in place (on
     * the 12-row tile only: a variable stride cost the 4-row tile 4–5 % on AVX2, measured side by side) (so that the tile's shape never changes a bit of the result). The accumulators go to a
     * small buffer rather than straight to C: vectors handed to another method may be boxed if it is not inlined,
     * and one merge routine then serves full and edge tiles with identical rounding.
     */
    static void multiply(int kc, float[] ap, int ai, float[] bp, int bi, int bs, float[] tile) {
        if (SgemmBlocking.WIDE) {
            multiply12x2(kc, ap, ai, bp, bi, bs, tile);
        } else {
            multiply4x2(kc, ap, ai, bp, bi, tile);
        }
    }

    /** {@link #multiply} with 12 rows × 2 vectors: 24 accumulators of the 32 registers of AVX-512. */
    private static void multiply12x2(int kc, float[] ap, int ai, float[] bp, int bi, int bs, float[] tile) {
        FloatVector c0a = FloatVector.zero(S);
        FloatVector c0b = c0a, c1a = c0a, c1b = c0a, c2a = c0a, c2b = c0a, c3a = c0a;
        FloatVector c3b = c0a, c4a = c0a, c4b = c0a, c5a = c0a, c5b = c0a, c6a = c0a;
        FloatVector c6b = c0a, c7a = c0a, c7b = c0a, c8a = c0a, c8b = c0a, c9a = c0a;
        FloatVector c9b = c0a, c10a = c0a, c10b = c0a, c11a = c0a, c11b = c0a;
        for (int p = 0; p < kc; p++) {
            int bq = bi + p * bs;
            int aq = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bq);
            FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[aq]);
            c0a = a0.fma(b0, c0a);
            c0b = a0.fma(b1, c0b);
            FloatVector a1 = FloatVector.broadcast(S, ap[aq + 1]);
            c1a = a1.fma(b0, c1a);
            c1b = a1.fma(b1, c1b);
            FloatVector a2 = FloatVector.broadcast(S, ap[aq + 2]);
            c2a = a2.fma(b0, c2a);
            c2b = a2.fma(b1, c2b);
            FloatVector a3 = FloatVector.broadcast(S, ap[aq + 3]);
            c3a = a3.fma(b0, c3a);
            c3b = a3.fma(b1, c3b);
            FloatVector a4 = FloatVector.broadcast(S, ap[aq + 4]);
            c4a = a4.fma(b0, c4a);
            c4b = a4.fma(b1, c4b);
            FloatVector a5 = FloatVector.broadcast(S, ap[aq + 5]);
            c5a = a5.fma(b0, c5a);
            c5b = a5.fma(b1, c5b);
            FloatVector a6 = FloatVector.broadcast(S, ap[aq + 6]);
            c6a = a6.fma(b0, c6a);
            c6b = a6.fma(b1, c6b);
            FloatVector a7 = FloatVector.broadcast(S, ap[aq + 7]);
            c7a = a7.fma(b0, c7a);
            c7b = a7.fma(b1, c7b);
            FloatVector a8 = FloatVector.broadcast(S, ap[aq + 8]);
            c8a = a8.fma(b0, c8a);
            c8b = a8.fma(b1, c8b);
            FloatVector a9 = FloatVector.broadcast(S, ap[aq + 9]);
            c9a = a9.fma(b0, c9a);
            c9b = a9.fma(b1, c9b);
            FloatVector a10 = FloatVector.broadcast(S, ap[aq + 10]);
            c10a = a10.fma(b0, c10a);
            c10b = a10.fma(b1, c10b);
            FloatVector a11 = FloatVector.broadcast(S, ap[aq + 11]);
            c11a = a11.fma(b0, c11a);
            c11b = a11.fma(b1, c11b);
        }
        c0a.intoArray(tile, 0);
        c0b.intoArray(tile, L);
        c1a.intoArray(tile, NR);
        c1b.intoArray(tile, NR + L);
        c2a.intoArray(tile, 2 * NR);
        c2b.intoArray(tile, 2 * NR + L);
        c3a.intoArray(tile, 3 * NR);
        c3b.intoArray(tile, 3 * NR + L);
        c4a.intoArray(tile, 4 * NR);
        c4b.intoArray(tile, 4 * NR + L);
        c5a.intoArray(tile, 5 * NR);
        c5b.intoArray(tile, 5 * NR + L);
        c6a.intoArray(tile, 6 * NR);
        c6b.intoArray(tile, 6 * NR + L);
        c7a.intoArray(tile, 7 * NR);
        c7b.intoArray(tile, 7 * NR + L);
        c8a.intoArray(tile, 8 * NR);
        c8b.intoArray(tile, 8 * NR + L);
        c9a.intoArray(tile, 9 * NR);
        c9b.intoArray(tile, 9 * NR + L);
        c10a.intoArray(tile, 10 * NR);
        c10b.intoArray(tile, 10 * NR + L);
        c11a.intoArray(tile, 11 * NR);
        c11b.intoArray(tile, 11 * NR + L);
    }

    /**
     * {@link #multiply} with 4 rows × 2 vectors on a packed B panel (stride NR): 8 accumulators of the 16 registers
     * of AVX2. Indices are affine in p
     * (not separately stepped offsets) so that C2's range-check elimination hoists the panel loads' bounds checks.
     */
    private static void multiply4x2(int kc, float[] ap, int ai, float[] bp, int bi, float[] tile) {
        FloatVector c0a = FloatVector.zero(S);
        FloatVector c0b = c0a, c1a = c0a, c1b = c0a, c2a = c0a, c2b = c0a, c3a = c0a;
        FloatVector c3b = c0a;
        for (int p = 0; p < kc; p++) {
            int bq = bi + p * NR;
            int aq = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bq);
            FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[aq]);
            c0a = a0.fma(b0, c0a);
            c0b = a0.fma(b1, c0b);
            FloatVector a1 = FloatVector.broadcast(S, ap[aq + 1]);
            c1a = a1.fma(b0, c1a);
            c1b = a1.fma(b1, c1b);
            FloatVector a2 = FloatVector.broadcast(S, ap[aq + 2]);
            c2a = a2.fma(b0, c2a);
            c2b = a2.fma(b1, c2b);
            FloatVector a3 = FloatVector.broadcast(S, ap[aq + 3]);
            c3a = a3.fma(b0, c3a);
            c3b = a3.fma(b1, c3b);
        }
        c0a.intoArray(tile, 0);
        c0b.intoArray(tile, L);
        c1a.intoArray(tile, NR);
        c1b.intoArray(tile, NR + L);
        c2a.intoArray(tile, 2 * NR);
        c2b.intoArray(tile, 2 * NR + L);
        c3a.intoArray(tile, 3 * NR);
        c3b.intoArray(tile, 3 * NR + L);
    }

    /** C[0..MR)[0..NR) at {@code c[ci + r·ldc + j]} = α·tile + β·C (β = 0 ignores old C); the tile lies inside C. */
    static void mergeFull(float[] tile, float[] c, int ci, int ldc, float alpha, float beta) {
        for (int r = 0; r < MR; r++, ci += ldc) {
            for (int j = 0; j < NR; j += L) {
                FloatVector t = FloatVector.fromArray(S, tile, r * NR + j).mul(alpha);
                if (beta != 0f) {
                    t = t.add(FloatVector.fromArray(S, c, ci + j).mul(beta));
                }
                t.intoArray(c, ci + j);
            }
        }
    }

    /** The mr×nr corner of {@link #mergeFull}, for tiles cut by the edge of C; same roundings, lane by lane. */
    static void mergeEdge(float[] tile, float[] c, int ci, int ldc, float alpha, float beta, int mr, int nr) {
        for (int r = 0; r < mr; r++, ci += ldc) {
            int t = r * NR;
            if (beta == 0f) {
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
