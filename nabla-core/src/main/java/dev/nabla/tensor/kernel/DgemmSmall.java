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
                columns(a, ai, aCol, b, bOff + j, ldb, k, alpha, beta, c, ci + j);
            }
            if (j < n) {
                maskedColumns(a, ai, aCol, b, bOff + j, ldb, k, alpha, beta, c, ci + j, n - j);
            }
        }
    }

    /*
     * C[ci .. +L) = α·Σ_p a[ai + p·aCol]·b[bi + p·ldb .. +L) + β·C. Four partial sums over p ≡ 0, 1, 2, 3 (mod 4),
     * added at the end: one chain of k dependent FMAs would wait on the FMA latency at every step, which is what
     * long, narrow products (k = 150, n = 4) are made of. Each method ends in a store so that no vector crosses
     * a call boundary (a vector returned from a method that is not inlined is boxed on the heap).
     */

    private static void columns(double[] a, int ai, int aCol, double[] b, int bi, int ldb, int k,
                                double alpha, double beta, double[] c, int ci) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int p = 0;
        for (; p <= k - 4; p += 4, bi += 4 * ldb) {
            s0 = DoubleVector.broadcast(S, a[ai + p * aCol]).fma(DoubleVector.fromArray(S, b, bi), s0);
            s1 = DoubleVector.broadcast(S, a[ai + (p + 1) * aCol]).fma(DoubleVector.fromArray(S, b, bi + ldb), s1);
            s2 = DoubleVector.broadcast(S, a[ai + (p + 2) * aCol]).fma(DoubleVector.fromArray(S, b, bi + 2 * ldb), s2);
            s3 = DoubleVector.broadcast(S, a[ai + (p + 3) * aCol]).fma(DoubleVector.fromArray(S, b, bi + 3 * ldb), s3);
        }
        for (; p < k; p++, bi += ldb) {
            s0 = DoubleVector.broadcast(S, a[ai + p * aCol]).fma(DoubleVector.fromArray(S, b, bi), s0);
        }
        DoubleVector out = s0.add(s1).add(s2.add(s3)).mul(alpha);
        if (beta != 0.0) {
            out = out.add(DoubleVector.fromArray(S, c, ci).mul(beta));
        }
        out.intoArray(c, ci);
    }

    /** {@link #columns} for the last {@code width} &lt; L columns, under a lane mask (identical rounding per element). */
    private static void maskedColumns(double[] a, int ai, int aCol, double[] b, int bi, int ldb, int k,
                                      double alpha, double beta, double[] c, int ci, int width) {
        VectorMask<Double> lanes = S.indexInRange(0, width);
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int p = 0;
        for (; p <= k - 4; p += 4, bi += 4 * ldb) {
            s0 = DoubleVector.broadcast(S, a[ai + p * aCol]).fma(DoubleVector.fromArray(S, b, bi, lanes), s0);
            s1 = DoubleVector.broadcast(S, a[ai + (p + 1) * aCol]).fma(DoubleVector.fromArray(S, b, bi + ldb, lanes), s1);
            s2 = DoubleVector.broadcast(S, a[ai + (p + 2) * aCol])
                    .fma(DoubleVector.fromArray(S, b, bi + 2 * ldb, lanes), s2);
            s3 = DoubleVector.broadcast(S, a[ai + (p + 3) * aCol])
                    .fma(DoubleVector.fromArray(S, b, bi + 3 * ldb, lanes), s3);
        }
        for (; p < k; p++, bi += ldb) {
            s0 = DoubleVector.broadcast(S, a[ai + p * aCol]).fma(DoubleVector.fromArray(S, b, bi, lanes), s0);
        }
        DoubleVector out = s0.add(s1).add(s2.add(s3)).mul(alpha);
        if (beta != 0.0) {
            out = out.add(DoubleVector.fromArray(S, c, ci, lanes).mul(beta));
        }
        out.intoArray(c, ci, lanes);
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
