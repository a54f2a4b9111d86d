package dev.nabla.tensor.kernel;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random GEMM problems with padded strides and offsets, and the error bound to compare them with. */
final class GemmCases {
    private GemmCases() {
    }

    /** One problem: op(A) m×k, op(B) k×n, C m×n, each stored with an offset and a stride wider than needed. */
    record Case(boolean transA, boolean transB, int m, int n, int k, int aOff, int lda, int bOff, int ldb,
                int cOff, int ldc, double alpha, double beta, long seed) {

        static Case of(boolean transA, boolean transB, int m, int n, int k, int pad, double alpha, double beta,
                       long seed) {
            int aCols = transA ? m : k;
            int bCols = transB ? k : n;
            return new Case(transA, transB, m, n, k, pad, aCols + pad % 3, 2 * pad, bCols + pad % 5,
                    pad / 2, n + pad % 4, alpha, beta, seed);
        }

        int aLength() {
            return aOff + (transA ? k : m) * lda + 1;
        }

        int bLength() {
            return bOff + (transB ? n : k) * ldb + 1;
        }

        int cLength() {
            return cOff + m * ldc + 1;
        }

        float[] randomFloats(int length, long salt) {
            SplittableRandom random = new SplittableRandom(seed * 31 + salt);
            float[] x = new float[length];
            for (int i = 0; i < length; i++) {
                x[i] = (float) random.nextDouble(-1, 1);
            }
            return x;
        }

        double[] randomDoubles(int length, long salt) {
            SplittableRandom random = new SplittableRandom(seed * 31 + salt);
            double[] x = new double[length];
            for (int i = 0; i < length; i++) {
                x[i] = random.nextDouble(-1, 1);
            }
            return x;
        }

        /** Old contents of C: random, or NaN when β = 0 (which must then be ignored). */
        float[] initialC() {
            float[] c = randomFloats(cLength(), 3);
            if (beta == 0) {
                Arrays.fill(c, Float.NaN);
            }
            return c;
        }

        double[] initialCDouble() {
            double[] c = randomDoubles(cLength(), 3);
            if (beta == 0) {
                Arrays.fill(c, Double.NaN);
            }
            return c;
        }

        /** Scale of the rounding error of element (i, j): |α|·Σ_p |a_ip·b_pj| + |β·c_ij|, plus a floor. */
        double scale(double[] a, double[] b, double[] c0, int i, int j) {
            double s = 0;
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                double bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                s += Math.abs(aip * bpj);
            }
            double old = beta == 0 ? 0 : Math.abs(beta * c0[cOff + i * ldc + j]);
            return Math.abs(alpha) * s + old + 1e-30;
        }
    }

    static double[] widen(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }
}
