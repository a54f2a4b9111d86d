// Generated from SgemmPacking.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
package dev.nabla.tensor.kernel;

/**
 * Copies blocks of op(A) and op(B) into the panel layouts the float64 micro-kernel streams, reading the
 * operands as stored (transpose flags honoured while copying, never by a transposed copy of the whole matrix).
 * Panels are zero-padded to full MR rows / NR columns so edge tiles can run the full kernel. Whole vectors move
 * through {@link DgemmCopy}: L×L blocks transposed in registers where a panel runs across the stored rows, row
 * copies where it runs along them; only the last kc mod L columns of a transposing copy go element by element.
 */
final class DgemmPacking {
    private static final int MR = DgemmKernel.MR;
    private static final int NR = DgemmKernel.NR;
    private static final int L = DgemmCopy.L;

    private DgemmPacking() {
    }

    /**
     * Packs op(A)[i0..i0+mc)[p0..p0+kc) into {@code ap} from {@code apOff}: panel q (rows q·MR..) starts at
     * apOff + q·MR·kc, and holds for each p the MR values of column p.
     */
    static void packA(boolean transA, double[] a, int aOff, int lda, int i0, int p0, int mc, int kc, double[] ap,
                      int apOff, double[] scratch) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = apOff + ir * kc;
            if (transA) {
                // Stored k×m: the MR values of one column of op(A) are contiguous.
                DgemmCopy.rows(a, aOff + p0 * lda + i0 + ir, lda, ap, base, MR, kc, MR, mr);
            } else {
                // Stored m×k: MR rows read along k, written across.
                across(a, aOff + (i0 + ir) * lda + p0, lda, mr, MR, kc, ap, base, scratch);
            }
        }
    }

    /**
     * Packs op(B)[p0..p0+kc)[j0..j0+nc) into {@code bp} from {@code bpOff}: panel q (columns q·NR..) starts at
     * bpOff + q·NR·kc and holds for each p the NR values of row p.
     */
    static void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int j0, int kc, int nc, double[] bp,
                      int bpOff, double[] scratch) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = bpOff + jr * kc;
            if (!transB) {
                DgemmCopy.rows(b, bOff + p0 * ldb + j0 + jr, ldb, bp, base, NR, kc, NR, nr);
            } else {
                // Stored n×k: each column of op(B) is a contiguous row of the array.
                across(b, bOff + (j0 + jr) * ldb + p0, ldb, nr, NR, kc, bp, base, scratch);
            }
        }
    }

    /**
     * dst[base + p·width + r] = src[so + r·ss + p] for p ∈ [0, kc), r ∈ [0, rows): {@code rows} stored rows of kc
     * elements written as the columns of a kc × width panel, L×L blocks at a time. The padding columns r ≥ rows hold
     * zeros or copies of a real column (see {@link DgemmCopy#block}): their products are never merged into C.
     */
    private static void across(double[] src, int so, int ss, int rows, int width, int kc, double[] dst, int base,
                               double[] scratch) {
        int p = 0;
        if (DgemmCopy.TRANSPOSES) {
            for (; p + L <= kc; p += L) {
                for (int r0 = 0; r0 < width; r0 += L) {
                    int present = Math.min(rows - r0, L);
                    int lanes = Math.min(L, width - r0);
                    if (present > 0) {
                        DgemmCopy.block(src, so + r0 * ss + p, ss, present, dst, base + p * width + r0, width, lanes,
                                scratch);
                    } else {
                        zero(dst, base + p * width + r0, width, L, lanes);
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            int from = so + r * ss;
            for (int q = p; q < kc; q++) {
                dst[base + q * width + r] = src[from + q];
            }
        }
        for (int r = rows; r < width; r++) {
            for (int q = p; q < kc; q++) {
                dst[base + q * width + r] = 0.0;
            }
        }
    }

    /** dst[off + p·stride + j] = 0 for p ∈ [0, count), j ∈ [0, lanes). */
    private static void zero(double[] dst, int off, int stride, int count, int lanes) {
        for (int p = 0; p < count; p++) {
            java.util.Arrays.fill(dst, off + p * stride, off + p * stride + lanes, 0.0);
        }
    }
}
