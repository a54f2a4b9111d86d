package dev.nabla.tensor.kernel;

import java.util.Objects;

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
        validate(transA, transB, m, n, k, Objects.requireNonNull(a, "a").length, aOff, lda,
                Objects.requireNonNull(b, "b").length, bOff, ldb, Objects.requireNonNull(c, "c").length, cOff, ldc);
        if (Vectorization.enabled()) {
            Sgemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            ReferenceGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** Float64 GEMM; C = α·op(A)·op(B) + β·C. β = 0 ignores C's previous contents (NaN included). */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double alpha, double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        validate(transA, transB, m, n, k, Objects.requireNonNull(a, "a").length, aOff, lda,
                Objects.requireNonNull(b, "b").length, bOff, ldb, Objects.requireNonNull(c, "c").length, cOff, ldc);
        if (Vectorization.enabled()) {
            Dgemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            ReferenceGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    private static void validate(boolean transA, boolean transB, int m, int n, int k,
                                 int aLength, int aOff, int lda, int bLength, int bOff, int ldb,
                                 int cLength, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("GEMM dimensions must be non-negative: m=" + m + ", n=" + n + ", k=" + k);
        }
        String problem = checkOperand("A", transA ? k : m, transA ? m : k, aLength, aOff, lda);
        if (problem == null) {
            problem = checkOperand("B", transB ? n : k, transB ? k : n, bLength, bOff, ldb);
        }
        if (problem == null) {
            problem = checkOperand("C", m, n, cLength, cOff, ldc);
        }
        if (problem != null) {
            // The message is built only on failure: a valid call must not allocate.
            throw new IllegalArgumentException(problem + " (m=" + m + ", n=" + n + ", k=" + k
                    + ", transA=" + transA + ", transB=" + transB + ")");
        }
    }

    /** Why a rows×cols matrix stored from {@code off} with row stride {@code ld} does not fit, or null. */
    private static String checkOperand(String name, int rows, int cols, int length, int off, int ld) {
        if (off < 0) {
            return name + " offset must be non-negative, got " + off;
        }
        if (rows == 0 || cols == 0) {
            return null;
        }
        if (ld < cols) {
            return name + " is stored " + rows + "×" + cols + " but its row stride " + ld
                    + " is smaller than its width";
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > length) {
            return name + " is stored " + rows + "×" + cols + " with offset " + off + " and row stride " + ld
                    + ", which needs " + end + " elements, but the array has " + length;
        }
        return null;
    }
}
