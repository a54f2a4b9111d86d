// Generated from SgemmPacking.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
package dev.nabla.tensor.kernel;

/**
 * Copies blocks of op(A) and op(B) into the panel layouts the float64 micro-kernel streams, reading the
 * operands as stored (transpose flags honoured while copying, never by a transposed copy of the whole matrix).
 * Panels are zero-padded to full MR rows / NR columns so edge tiles can run the full kernel.
 */
final class DgemmPacking {
    private static final int MR = DgemmKernel.MR;
    private static final int NR = DgemmKernel.NR;

    private DgemmPacking() {
    }

    /**
     * Packs op(A)[i0..i0+mc)[p0..p0+kc) into {@code ap}: panel q (rows q·MR..) starts at q·MR·kc, and holds
     * for each p the MR values of column p.
     */
    static void packA(boolean transA, double[] a, int aOff, int lda, int i0, int p0, int mc, int kc, double[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (transA) {
                // Stored k×m: the MR values of one column of op(A) are contiguous.
                int src = aOff + p0 * lda + i0 + ir;
                for (int p = 0; p < kc; p++, src += lda) {
                    int dst = base + p * MR;
                    for (int r = 0; r < mr; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = mr; r < MR; r++) {
                        ap[dst + r] = 0.0;
                    }
                }
            } else {
                // Stored m×k: read each row contiguously, write it with stride MR.
                for (int r = 0; r < mr; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    int dst = base + r;
                    for (int p = 0; p < kc; p++) {
                        ap[dst + p * MR] = a[src + p];
                    }
                }
                for (int r = mr; r < MR; r++) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + r + p * MR] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[p0..p0+kc)[j0..j0+nc) into {@code bp}: panel q (columns q·NR..) starts at q·NR·kc and holds
     * for each p the NR values of row p.
     */
    static void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int j0, int kc, int nc, double[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (!transB) {
                int src = bOff + p0 * ldb + j0 + jr;
                for (int p = 0; p < kc; p++, src += ldb) {
                    int dst = base + p * NR;
                    System.arraycopy(b, src, bp, dst, nr);
                    for (int j = nr; j < NR; j++) {
                        bp[dst + j] = 0.0;
                    }
                }
            } else {
                // Stored n×k: each column of op(B) is a contiguous row of the array.
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    int dst = base + j;
                    for (int p = 0; p < kc; p++) {
                        bp[dst + p * NR] = b[src + p];
                    }
                }
                for (int j = nr; j < NR; j++) {
                    for (int p = 0; p < kc; p++) {
                        bp[base + j + p * NR] = 0.0;
                    }
                }
            }
        }
    }
}
