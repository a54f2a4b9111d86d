package dev.nabla.tensor.kernel;

/**
 * Plain-Java GEMM, {@code C = α·op(A)·op(B) + β·C}: the correctness reference for the fast kernels and the
 * path taken when the Vector API is not enabled. Loop order keeps the innermost loop over contiguous
 * memory for every transpose combination.
 */
public final class ReferenceGemm {
    private ReferenceGemm() {
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        float[] acc = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(acc, 0f);
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        acc[j] += aip * b[bOff + j * ldb + p];
                    }
                } else {
                    int row = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        acc[j] += aip * b[row + j];
                    }
                }
            }
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0f ? alpha * acc[j] : alpha * acc[j] + beta * c[ci + j];
            }
        }
    }

    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double alpha, double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        double[] acc = new double[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(acc, 0d);
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        acc[j] += aip * b[bOff + j * ldb + p];
                    }
                } else {
                    int row = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        acc[j] += aip * b[row + j];
                    }
                }
            }
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0d ? alpha * acc[j] : alpha * acc[j] + beta * c[ci + j];
            }
        }
    }
}
