package dev.nabla.tensor.kernel;

/**
 * Float32 GEMM on the Vector API, {@code C = α·op(A)·op(B) + β·C}: Goto-style blocking (NC columns of B,
 * KC-deep slices, MC rows of A, sized in {@link SgemmBlocking}), packed panels, {@link SgemmKernel} tiles, and a
 * split of C into disjoint blocks across {@link KernelThreads}. Arguments are assumed validated by {@link Gemm}.
 */
final class Sgemm {
    static final int KC = SgemmBlocking.KC;
    static final int MC = SgemmBlocking.MC;
    static final int NC = SgemmBlocking.NC;
    /** Below this many multiply-adds the packing costs more than it saves. */
    static final long SMALL = 24 * 24 * 24;
    /** Below this many multiply-adds a second thread costs more than it saves. */
    static final long PARALLEL = 64 * 64 * 64;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private Sgemm() {
    }

    /** Per-thread packing buffers, grown on demand and kept so steady-state calls allocate nothing. */
    private static final class Buffers {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[SgemmKernel.MR * SgemmKernel.NR];
        final float[] scratch = new float[SgemmCopy.L * SgemmCopy.L];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k == 0 || work < SMALL) {
            SgemmSmall.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int threads = work < PARALLEL ? 1 : KernelThreads.threads();
        // Split the longer side of C in whole tiles: balanced for tall-skinny and short-wide shapes, and each
        // thread then re-packs only the smaller operand (all of B when splitting rows, all of A for columns).
        int rowUnits = ceilDiv(m, SgemmKernel.MR);
        int colUnits = ceilDiv(n, SgemmKernel.NR);
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
        private float alpha;
        private float[] a;
        private int aOff;
        private int lda;
        private float[] b;
        private int bOff;
        private int ldb;
        private float beta;
        private float[] c;
        private int cOff;
        private int ldc;

        void set(boolean splitRows, int units, boolean transA, boolean transB, int m, int n, int k,
                 float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                 float beta, float[] c, int cOff, int ldc) {
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
                int i0 = from * SgemmKernel.MR;
                int i1 = Math.min(m, to * SgemmKernel.MR);
                blocked(transA, transB, i0, i1, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                int j0 = from * SgemmKernel.NR;
                int j1 = Math.min(n, to * SgemmKernel.NR);
                blocked(transA, transB, 0, m, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
        }
    }

    /** The block C[i0..i1)[j0..j1) of the product, single-threaded. */
    private static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                                float alpha, float[] a, int aOff, int lda,
                                float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        final int mrTile = SgemmKernel.MR;
        final int nrTile = SgemmKernel.NR;
        Buffers buffers = BUFFERS.get();
        // Equal slices rather than KC, KC, …, remainder: a thin last slice would pay a full pass over C.
        int kcMax = ceilDiv(k, ceilDiv(k, KC));
        float[] ap = buffers.a(roundUp(Math.min(MC, i1 - i0), mrTile) * kcMax);
        float[] bp = buffers.b(roundUp(Math.min(NC, j1 - j0), nrTile) * kcMax);
        float[] tile = buffers.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                // β applies once, on the first slice; later slices accumulate onto C.
                float betaNow = pc == 0 ? beta : 1f;
                SgemmPacking.packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp, buffers.scratch);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    SgemmPacking.packA(transA, a, aOff, lda, ic, pc, mc, kc, ap, buffers.scratch);
                    for (int jr = 0; jr < nc; jr += nrTile) {
                        int nr = Math.min(nrTile, nc - jr);
                        int bi = jr * kc;
                        for (int ir = 0; ir < mc; ir += mrTile) {
                            int mr = Math.min(mrTile, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            SgemmKernel.tile(kc, ap, ir * kc, bp, bi, c, ci, ldc, alpha, betaNow, mr, nr, tile);
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
