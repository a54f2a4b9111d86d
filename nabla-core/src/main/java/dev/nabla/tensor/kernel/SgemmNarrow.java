package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 {@code C = α·A·Bᵀ + β·C} for a narrow C (n ≤ {@link #MAX_N}: the output layer's forward product X·Wᵀ),
 * set with transA false and transB true. Dot products along k, where A's rows and B's rows are both contiguous, so nothing is packed. The packed GEMM
 * would transpose all of A into panels and fill 32-column tiles with 10 columns of work; here each 2-row × 4-column
 * tile of C keeps eight accumulators of partial sums over p ≡ l (mod L), reduced at the end by a fixed tree of lane
 * selections and additions (the stages of {@link SgemmCopy}; no {@code reduceLanes}, whose order is left open):
 * C[i][j] = α·Σ_l (Σ_{p ≡ l} A[i][p]·B[j][p]) + β·C[i][j].
 * Rows are split across {@link KernelThreads}; each element is computed the same way whatever the split.
 */
final class SgemmNarrow extends SgemmJob {
    static final VectorSpecies<Float> S = SgemmBlocking.S;
    private static final int L = S.length();
    /** Widest C this path takes: beyond it the packed tiles are full enough. */
    static final int MAX_N = 16;
    /** True when the lane count suits the reduction tree below (8 accumulators into one vector). */
    static final boolean AVAILABLE = L == 8 || L == 16;
    /** Rows and columns of a tile. */
    private static final int ROWS = 2;
    private static final int COLS = 4;
    /** Fewest rows per part when the product is split across threads. */
    private static final int ROWS_PER_PART_MIN = 64;
    /** Per thread: the eight accumulators of a tile (8·L), then their sums (L). */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[9 * L]);

    /** Runs in at most {@code parts} parts of at least 64 rows each. */
    @Override
    void run(int parts) {
        KernelThreads.run(Math.max(1, Math.min(parts, m / ROWS_PER_PART_MIN)), this);
    }

    @Override
    public void run(int part, int count) {
        int tiles = (m + ROWS - 1) / ROWS;
        int i0 = (int) ((long) tiles * part / count) * ROWS;
        int i1 = Math.min(m, (int) ((long) tiles * (part + 1) / count) * ROWS);
        float[] scratch = SCRATCH.get();
        for (int i = i0; i < i1; i += ROWS) {
            int rows = Math.min(ROWS, i1 - i);
            for (int j = 0; j < n; j += COLS) {
                int cols = Math.min(COLS, n - j);
                // Rows and columns past the edge repeat the last real one: their sums are computed, never stored.
                int a0 = aOff + i * lda;
                int a1 = aOff + (i + rows - 1) * lda;
                int b0 = bOff + j * ldb;
                int last = bOff + (j + cols - 1) * ldb;
                tile(k, a, a0, a1, b, b0, Math.min(b0 + ldb, last), Math.min(b0 + 2 * ldb, last), last, scratch);
                for (int r = 0; r < rows; r++) {
                    int ci = cOff + (i + r) * ldc + j;
                    for (int q = 0; q < cols; q++) {
                        float s = alpha * scratch[8 * L + r * COLS + q];
                        c[ci + q] = beta == 0f ? s : s + beta * c[ci + q];
                    }
                }
            }
        }
    }

    /**
     * scratch[8·L + r·4 + q] = Σ_p A_r[p]·B_q[p] over p ∈ [0, k) for the rows of A at a0, a1 and of B at b0..b3:
     * lane-wise partial sums into scratch[0, 8·L), then the tree of {@link #reduce}. Three methods, each small
     * enough for C1 (a single one ran interpreted until C2 took it); they pass vectors through {@code scratch}, since a
     * vector handed to a method that is not inlined would be boxed.
     */
    private static void tile(int k, float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3,
                             float[] scratch) {
        int p = accumulate(k, a, a0, a1, b, b0, b1, b2, b3, scratch);
        if (p < k) {
            tail(p, k, a, a0, a1, b, b0, b1, b2, b3, scratch);
        }
        reduce(scratch);
    }

    /** acc[v·L + l] = Σ_{p ≡ l} A_r[p]·B_q[p] (v = r·4 + q) over whole vectors of p; returns where they end. */
    private static int accumulate(int k, float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3,
                                  float[] acc) {
        FloatVector s00 = FloatVector.zero(S);
        FloatVector s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        int p = 0;
        for (; p <= k - L; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            y = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            y = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            y = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
        }
        s00.intoArray(acc, 0);
        s01.intoArray(acc, L);
        s02.intoArray(acc, 2 * L);
        s03.intoArray(acc, 3 * L);
        s10.intoArray(acc, 4 * L);
        s11.intoArray(acc, 5 * L);
        s12.intoArray(acc, 6 * L);
        s13.intoArray(acc, 7 * L);
        return p;
    }

    /** {@link #accumulate}'s last k − p &lt; L elements, read under a mask and added onto acc. */
    private static void tail(int p, int k, float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3,
                             float[] acc) {
        VectorMask<Float> lanes = S.indexInRange(p, k);
        FloatVector x0 = FloatVector.fromArray(S, a, a0 + p, lanes);
        FloatVector x1 = FloatVector.fromArray(S, a, a1 + p, lanes);
        FloatVector y = FloatVector.fromArray(S, b, b0 + p, lanes);
        x0.fma(y, FloatVector.fromArray(S, acc, 0)).intoArray(acc, 0);
        x1.fma(y, FloatVector.fromArray(S, acc, 4 * L)).intoArray(acc, 4 * L);
        y = FloatVector.fromArray(S, b, b1 + p, lanes);
        x0.fma(y, FloatVector.fromArray(S, acc, L)).intoArray(acc, L);
        x1.fma(y, FloatVector.fromArray(S, acc, 5 * L)).intoArray(acc, 5 * L);
        y = FloatVector.fromArray(S, b, b2 + p, lanes);
        x0.fma(y, FloatVector.fromArray(S, acc, 2 * L)).intoArray(acc, 2 * L);
        x1.fma(y, FloatVector.fromArray(S, acc, 6 * L)).intoArray(acc, 6 * L);
        y = FloatVector.fromArray(S, b, b3 + p, lanes);
        x0.fma(y, FloatVector.fromArray(S, acc, 3 * L)).intoArray(acc, 3 * L);
        x1.fma(y, FloatVector.fromArray(S, acc, 7 * L)).intoArray(acc, 7 * L);
    }

    /**
     * acc[8·L + v] = the lanes of acc[v·L ..) added by a fixed tree, v ∈ [0, 8): each stage h adds the halves of every
     * 2h-lane group of two vectors (the selections of {@link SgemmCopy}), keeping the first vector's sums in the
     * low half, so that after the stages h = 1, 2, 4 (and 8 on 16 lanes) lane v holds the sum of vector v.
     */
    private static void reduce(float[] acc) {
        FloatVector x0 = FloatVector.fromArray(S, acc, 0);
        FloatVector y0 = FloatVector.fromArray(S, acc, L);
        FloatVector t0 = SgemmCopy.LOW_1.selectFrom(x0, y0).add(SgemmCopy.HIGH_1.selectFrom(x0, y0));
        FloatVector x1 = FloatVector.fromArray(S, acc, 2 * L);
        FloatVector y1 = FloatVector.fromArray(S, acc, 3 * L);
        FloatVector t1 = SgemmCopy.LOW_1.selectFrom(x1, y1).add(SgemmCopy.HIGH_1.selectFrom(x1, y1));
        FloatVector x2 = FloatVector.fromArray(S, acc, 4 * L);
        FloatVector y2 = FloatVector.fromArray(S, acc, 5 * L);
        FloatVector t2 = SgemmCopy.LOW_1.selectFrom(x2, y2).add(SgemmCopy.HIGH_1.selectFrom(x2, y2));
        FloatVector x3 = FloatVector.fromArray(S, acc, 6 * L);
        FloatVector y3 = FloatVector.fromArray(S, acc, 7 * L);
        FloatVector t3 = SgemmCopy.LOW_1.selectFrom(x3, y3).add(SgemmCopy.HIGH_1.selectFrom(x3, y3));
        FloatVector u0 = SgemmCopy.LOW_2.selectFrom(t0, t1).add(SgemmCopy.HIGH_2.selectFrom(t0, t1));
        FloatVector u1 = SgemmCopy.LOW_2.selectFrom(t2, t3).add(SgemmCopy.HIGH_2.selectFrom(t2, t3));
        FloatVector v = SgemmCopy.LOW_4.selectFrom(u0, u1).add(SgemmCopy.HIGH_4.selectFrom(u0, u1));
        if (L == 16) {
            v = SgemmCopy.LOW_8.selectFrom(v, v).add(SgemmCopy.HIGH_8.selectFrom(v, v));
        }
        v.intoArray(acc, 8 * L);
    }
}
