// Generated from SgemmSmall.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
package dev.nabla.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float64 {@code C = α·op(A)·op(B) + β·C} for products too small to repay packing into panels: each row of C
 * is accumulated a vector of columns at a time, C[i][j..j+L) = Σ_p op(A)[i][p]·op(B)[p][j..j+L), with a lane
 * mask for the last columns so that narrow products (n = 3, 4, 16) stay vectorised. A transposed B is first
 * copied to k×n — it is small here — so every product reads B by rows. Allocates nothing in steady state.
 */
final class DgemmSmall {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ThreadLocal<double[][]> TRANSPOSED = ThreadLocal.withInitial(() -> new double[1][0]);

    private DgemmSmall() {
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (transB && k > 0) {
            double[] bt = transposed(k * n);
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
                DoubleVector acc = DoubleVector.zero(S);
                for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                    acc = DoubleVector.broadcast(S, a[ai + p * aCol]).fma(DoubleVector.fromArray(S, b, bi), acc);
                }
                DoubleVector out = acc.mul(alpha);
                if (beta != 0.0) {
                    out = out.add(DoubleVector.fromArray(S, c, ci + j).mul(beta));
                }
                out.intoArray(c, ci + j);
            }
            if (j < n) {
                // The last n − j columns: the same sums under a lane mask (identical rounding per element).
                VectorMask<Double> lanes = S.indexInRange(j, n);
                DoubleVector acc = DoubleVector.zero(S);
                for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                    acc = DoubleVector.broadcast(S, a[ai + p * aCol]).fma(DoubleVector.fromArray(S, b, bi, lanes), acc);
                }
                DoubleVector out = acc.mul(alpha);
                if (beta != 0.0) {
                    out = out.add(DoubleVector.fromArray(S, c, ci + j, lanes).mul(beta));
                }
                out.intoArray(c, ci + j, lanes);
            }
        }
    }

    /** A per-thread scratch array of at least {@code size} elements for the transposed copy of B. */
    private static double[] transposed(int size) {
        double[][] holder = TRANSPOSED.get();
        if (holder[0].length < size) {
            holder[0] = new double[size];
        }
        return holder[0];
    }
}
