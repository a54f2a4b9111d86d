// Generated from Sgemm.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
package dev.nabla.tensor.kernel;

/**
 * Float64 GEMM on the Vector API, {@code C = α·op(A)·op(B) + β·C}: Goto-style blocking (NC columns of B,
 * KC-deep slices, MC rows of A, sized in {@link DgemmBlocking}), packed panels, {@link DgemmKernel} tiles, and a
 * split of C into disjoint blocks across {@link KernelThreads}. Arguments are assumed validated by {@link Gemm}.
 */
final class Dgemm {
    static final int KC = DgemmBlocking.KC;
    static final int MC = DgemmBlocking.MC;
    static final int NC = DgemmBlocking.NC;
    /** Below this many multiply-adds the packing costs more than it saves. */
    static final long SMALL = 24 * 24 * 24;
    /** Below this many multiply-adds a second thread costs more than it saves. */
    static final long PARALLEL = 64 * 64 * 64;

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
        int threads = work < PARALLEL ? 1 : KernelThreads.threads();
        // Split the longer side of C in whole tiles: balanced for tall-skinny and short-wide shapes, and each
        // thread then re-packs only the smaller operand (all of B when splitting rows, all of A for columns).
        int rowUnits = ceilDiv(m, DgemmKernel.MR);
        int colUnits = ceilDiv(n, DgemmKernel.NR);
        boolean splitRows = m > n ? rowUnits >= threads : colUnits < threads;
        int units = splitRows ? rowUnits : colUnits;
        int parts = Math.min(threads, units);
        if (parts <= 1) {
            blocked(transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Split job = SPLITS.get();
        job.set(splitRows, units, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        try {
            KernelThreads.run(parts, job);
        } finally {
            job.clear();
        }
    }

    private static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);

    /**
     * One parallel product as a reusable {@link KernelThreads.Part}: part p of P computes the rows (or columns) of
     * whole tiles [units·p/P, units·(p+1)/P). A mutable object per calling thread instead of a capturing lambda,
     * so that a steady-state call allocates nothing.
     */
    private static final class Split implements KernelThreads.Part {
        private boolean splitRows;
        private int units;
        private boolean transA;
        private boolean transB;
        private int m;
        private int n;
        private int k;
        private double alpha;
        private double[] a;
        private int aOff;
        private int lda;
        private double[] b;
        private int bOff;
        private int ldb;
        private double beta;
        private double[] c;
        private int cOff;
        private int ldc;

        void set(boolean splitRows, int units, boolean transA, boolean transB, int m, int n, int k,
                 double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                 double beta, double[] c, int cOff, int ldc) {
            this.splitRows = splitRows;
            this.units = units;
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
        }

        /** Drops the operands, so that an idle thread does not keep a caller's arrays alive. */
        void clear() {
            a = null;
            b = null;
            c = null;
        }

        @Override
        public void run(int part, int count) {
            int from = (int) ((long) units * part / count);
            int to = (int) ((long) units * (part + 1) / count);
            if (splitRows) {
                int i0 = from * DgemmKernel.MR;
                int i1 = Math.min(m, to * DgemmKernel.MR);
                blocked(transA, transB, i0, i1, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                int j0 = from * DgemmKernel.NR;
                int j1 = Math.min(n, to * DgemmKernel.NR);
                blocked(transA, transB, 0, m, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
        }
    }

    /** The block C[i0..i1)[j0..j1) of the product, single-threaded. */
    private static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                                double alpha, double[] a, int aOff, int lda,
                                double[] b, int bOff, int ldb,
                                double beta, double[] c, int cOff, int ldc) {
        final int mrTile = DgemmKernel.MR;
        final int nrTile = DgemmKernel.NR;
        Buffers buffers = BUFFERS.get();
        // Equal slices rather than KC, KC, …, remainder: a thin last slice would pay a full pass over C.
        int kcMax = ceilDiv(k, ceilDiv(k, KC));
        double[] ap = buffers.a(roundUp(Math.min(MC, i1 - i0), mrTile) * kcMax);
        double[] bp = buffers.b(roundUp(Math.min(NC, j1 - j0), nrTile) * kcMax);
        double[] tile = buffers.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                // β applies once, on the first slice; later slices accumulate onto C.
                double betaNow = pc == 0 ? beta : 1.0;
                DgemmPacking.packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp, buffers.scratch);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    DgemmPacking.packA(transA, a, aOff, lda, ic, pc, mc, kc, ap, buffers.scratch);
                    for (int jr = 0; jr < nc; jr += nrTile) {
                        int nr = Math.min(nrTile, nc - jr);
                        int bi = jr * kc;
                        for (int ir = 0; ir < mc; ir += mrTile) {
                            int mr = Math.min(mrTile, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            DgemmKernel.tile(kc, ap, ir * kc, bp, bi, c, ci, ldc, alpha, betaNow, mr, nr, tile);
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int y) {
        return ceilDiv(x, y) * y;
    }
}
