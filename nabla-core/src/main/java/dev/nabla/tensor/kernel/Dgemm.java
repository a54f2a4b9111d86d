// Generated from Sgemm.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
package dev.nabla.tensor.kernel;

/**
 * Float64 GEMM on the Vector API, {@code C = α·op(A)·op(B) + β·C}: Goto-style blocking (NC columns of B,
 * KC-deep slices, MC rows of A, sized in {@link DgemmBlocking}), packed panels, {@link DgemmKernel} tiles, and a
 * split of C into disjoint blocks across {@link KernelThreads} ({@link DgemmSplit}). Tiny products go to
 * {@link DgemmSmall} and narrow X·Wᵀ to {@link DgemmNarrow}; which path a product takes depends on its shape only,
 * never on the thread count, so the thread count never changes a bit. Arguments are assumed validated by
 * {@link Gemm}.
 */
final class Dgemm {
    static final int KC = DgemmBlocking.KC;
    static final int MC = DgemmBlocking.MC;
    static final int NC = DgemmBlocking.NC;
    /** Below this many multiply-adds the packing costs more than it saves. */
    static final long SMALL = 24 * 24 * 24;
    /** Below this many multiply-adds a second thread costs more than it saves. */
    static final long PARALLEL = 64 * 64 * 64;
    /**
     * Parts per thread of a parallel product: with more parts than threads, a worker that the operating system
     * has put aside (a shared two-core machine) holds back one small part while the caller takes the others.
     */
    static final int PARTS_PER_THREAD = 2;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private Dgemm() {
    }

    /** Per-thread packing buffers, grown on demand and kept so steady-state calls allocate nothing. */
    private static final class Buffers {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tile = new double[DgemmKernel.MR * DgemmKernel.NR];
        final double[] scratch = new double[DgemmCopy.L * DgemmCopy.L];

        double[] a(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] b(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k == 0 || work < SMALL) {
            DgemmSmall.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (!transA && transB && n <= DgemmNarrow.MAX_N && DgemmNarrow.AVAILABLE) {
            DgemmNarrow job = NARROW.get();
            job.set(false, true, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            job.runAndClear(work < PARALLEL ? 1 : PARTS_PER_THREAD * KernelThreads.threads());
            return;
        }
        int threads = work < PARALLEL ? 1 : KernelThreads.threads();
        // Split the longer side of C in whole tiles: balanced for tall-skinny and short-wide shapes, and the
        // operand every part needs (all of op(A) when splitting columns, all of op(B) for rows) is the smaller one.
        int rowUnits = ceilDiv(m, DgemmKernel.MR);
        int colUnits = ceilDiv(n, DgemmKernel.NR);
        boolean splitRows = m > n ? rowUnits >= threads : colUnits < threads;
        int units = splitRows ? rowUnits : colUnits;
        int parts = threads <= 1 ? 1 : Math.min(PARTS_PER_THREAD * threads, units);
        if (parts <= 1) {
            blocked(transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null, false);
            return;
        }
        DgemmSplit job = SPLITS.get();
        job.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        job.split(splitRows, units);
        job.runAndClear(parts);
    }

    private static final ThreadLocal<DgemmSplit> SPLITS = ThreadLocal.withInitial(DgemmSplit::new);
    private static final ThreadLocal<DgemmNarrow> NARROW = ThreadLocal.withInitial(DgemmNarrow::new);

    /** Depth of every slice of a k-deep product: equal slices of at most KC (a thin last slice would cost a pass). */
    static int sliceDepth(int k) {
        return ceilDiv(k, ceilDiv(k, KC));
    }

    /**
     * The block C[i0..i1)[j0..j1) of the product, single-threaded. When {@code packed} is not null it holds the
     * panels of all of op(A) ({@code packedIsA}) or all of op(B), packed by {@link DgemmSplit} as
     * {@link #packShared} lays them out, and that operand is read from there instead of being packed here.
     */
    static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                        double alpha, double[] a, int aOff, int lda,
                        double[] b, int bOff, int ldb,
                        double beta, double[] c, int cOff, int ldc, double[] packed, boolean packedIsA) {
        final int mrTile = DgemmKernel.MR;
        final int nrTile = DgemmKernel.NR;
        Buffers buffers = BUFFERS.get();
        boolean sharedA = packed != null && packedIsA;
        boolean sharedB = packed != null && !packedIsA;
        // One row of tiles uses each panel of B once: rows of B as stored serve the kernel as well as a copy would
        // (the 12-row tile reads them in place; see DgemmKernel.multiply).
        boolean directB = DgemmBlocking.WIDE && !transB && !sharedB && i1 - i0 <= mrTile;
        int kcMax = sliceDepth(k);
        double[] ap = sharedA ? packed : buffers.a(roundUp(Math.min(MC, i1 - i0), mrTile) * kcMax);
        double[] bp = sharedB ? packed : buffers.b((directB ? nrTile : roundUp(Math.min(NC, j1 - j0), nrTile)) * kcMax);
        double[] tile = buffers.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                // β applies once, on the first slice; later slices accumulate onto C.
                double betaNow = pc == 0 ? beta : 1.0;
                int bBase = 0;
                if (sharedB) {
                    bBase = sharedOffset(pc, jc, kc, roundUp(j1, nrTile));
                } else if (!directB) {
                    DgemmPacking.packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp, 0, buffers.scratch);
                }
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    int aBase = 0;
                    if (sharedA) {
                        aBase = sharedOffset(pc, ic, kc, roundUp(i1, mrTile));
                    } else {
                        DgemmPacking.packA(transA, a, aOff, lda, ic, pc, mc, kc, ap, 0, buffers.scratch);
                    }
                    for (int jr = 0; jr < nc; jr += nrTile) {
                        int nr = Math.min(nrTile, nc - jr);
                        double[] bArray = bp;
                        int bi = bBase + jr * kc;
                        int bs = nrTile;
                        if (directB && nr == nrTile) {
                            bArray = b;
                            bi = bOff + pc * ldb + jc + jr;
                            bs = ldb;
                        } else if (directB) {
                            // The last, partial panel is copied with zero padding: the kernel reads whole rows.
                            DgemmPacking.packB(false, b, bOff, ldb, pc, jc + jr, kc, nr, bp, 0, buffers.scratch);
                            bi = 0;
                        }
                        for (int ir = 0; ir < mc; ir += mrTile) {
                            int mr = Math.min(mrTile, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            DgemmKernel.tile(kc, ap, aBase + ir * kc, bArray, bi, bs, c, ci, ldc, alpha, betaNow, mr,
                                    nr, tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * Where the panel starting at row (or column) {@code from} of the slice starting at depth {@code pc} begins in a
     * shared packing of a whole operand {@code padded} rows (or columns) wide: the slices one after another, each
     * laid out as {@link DgemmPacking} lays out a block.
     */
    static int sharedOffset(int pc, int from, int kc, int padded) {
        return pc * padded + from * kc;
    }

    /** Packs panels [q0, q1) (of MR rows, or NR columns) of every slice of the shared operand into {@code packed}. */
    static void packShared(boolean sideA, boolean trans, double[] x, int xOff, int ldx, int extent, int k, int q0,
                           int q1, double[] packed) {
        int unit = sideA ? DgemmKernel.MR : DgemmKernel.NR;
        int from = q0 * unit;
        int to = Math.min(extent, q1 * unit);
        if (from >= to) {
            return;
        }
        int padded = roundUp(extent, unit);
        int kcMax = sliceDepth(k);
        double[] scratch = BUFFERS.get().scratch;
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            int at = sharedOffset(pc, from, kc, padded);
            if (sideA) {
                DgemmPacking.packA(trans, x, xOff, ldx, from, pc, to - from, kc, packed, at, scratch);
            } else {
                DgemmPacking.packB(trans, x, xOff, ldx, pc, from, kc, to - from, packed, at, scratch);
            }
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    static int roundUp(int x, int y) {
        return ceilDiv(x, y) * y;
    }
}
