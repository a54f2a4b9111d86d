package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 {@code C = α·op(A)·op(B) + β·C} for products too small to repay packing into panels: each row of C
 * is accumulated a vector of columns at a time, C[i][j..j+L) = Σ_p op(A)[i][p]·op(B)[p][j..j+L), with a lane
 * mask for the last columns so that narrow products (n = 3, 4, 16) stay vectorised. A transposed B is first
 * copied to k×n — it is small here — so every product reads B by rows. Allocates nothing in steady state.
 */
final class SgemmSmall {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ThreadLocal<float[][]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[1][0]);

    private SgemmSmall() {
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (transB && k > 0) {
            float[] bt = transposed(k * n);
            // op(B)[p][j] = B[j][p]: read B's rows, write columns of the k×n copy.
            for (int j = 0; j < n; j++) {
                int src = bOff + j * ldb;
                for (int p = 0; p < k; p++) {
                    bt[p * n + j] = b[src + p];
                }
            }
            b = bt;
            bOff = 0;
            ldb = n;
        }
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j <= n - L; j += L) {
                FloatVector acc = FloatVector.zero(S);
                for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                    acc = FloatVector.broadcast(S, a[ai + p * aCol]).fma(FloatVector.fromArray(S, b, bi), acc);
                }
                FloatVector out = acc.mul(alpha);
                if (beta != 0f) {
                    out = out.add(FloatVector.fromArray(S, c, ci + j).mul(beta));
                }
                out.intoArray(c, ci + j);
            }
            if (j < n) {
                // The last n − j columns: the same sums under a lane mask (identical rounding per element).
                VectorMask<Float> lanes = S.indexInRange(j, n);
                FloatVector acc = FloatVector.zero(S);
                for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                    acc = FloatVector.broadcast(S, a[ai + p * aCol]).fma(FloatVector.fromArray(S, b, bi, lanes), acc);
                }
                FloatVector out = acc.mul(alpha);
                if (beta != 0f) {
                    out = out.add(FloatVector.fromArray(S, c, ci + j, lanes).mul(beta));
                }
                out.intoArray(c, ci + j, lanes);
            }
        }
    }

    /** A per-thread scratch array of at least {@code size} elements for the transposed copy of B. */
    private static float[] transposed(int size) {
        float[][] holder = TRANSPOSED.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        return holder[0];
    }
}
