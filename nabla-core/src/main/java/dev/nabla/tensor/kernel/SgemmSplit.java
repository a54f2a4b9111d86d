package dev.nabla.tensor.kernel;

/**
 * One parallel float32 product as a reusable {@link KernelThreads.Part}, run in two rounds. First the operand every
 * part needs — all of op(A) when C is split by columns, all of op(B) when by rows — is packed once, each part
 * packing its share of the panels, instead of once per part. Then part p of P computes the columns (or rows) of
 * whole tiles [units·p/P, units·(p+1)/P) of C from that packing. Allocates nothing once its buffer has grown.
 */
final class SgemmSplit extends SgemmJob {
    private boolean splitRows;
    private int units;
    /** True during the first round. */
    private boolean packing;
    /** The shared packing; kept between calls. */
    private float[] packed = new float[0];

    /** Splits rows (else columns) of C into {@code units} whole tiles for the next {@link #runAndClear}. */
    void split(boolean splitRows, int units) {
        this.splitRows = splitRows;
        this.units = units;
    }

    /** Packs the shared operand, then computes C, each round in {@code parts} parts. */
    @Override
    void run(int parts) {
        int size = splitRows ? Sgemm.roundUp(n, SgemmKernel.NR) * k : Sgemm.roundUp(m, SgemmKernel.MR) * k;
        if (packed.length < size) {
            packed = new float[size];
        }
        packing = true;
        KernelThreads.run(parts, this);
        packing = false;
        KernelThreads.run(parts, this);
    }

    @Override
    public void run(int part, int count) {
        if (packing) {
            // The shared operand's panels, split evenly: op(B)'s columns for a row split, op(A)'s rows otherwise.
            int panels = splitRows ? Sgemm.ceilDiv(n, SgemmKernel.NR) : Sgemm.ceilDiv(m, SgemmKernel.MR);
            int q0 = (int) ((long) panels * part / count);
            int q1 = (int) ((long) panels * (part + 1) / count);
            if (splitRows) {
                Sgemm.packShared(false, transB, b, bOff, ldb, n, k, q0, q1, packed);
            } else {
                Sgemm.packShared(true, transA, a, aOff, lda, m, k, q0, q1, packed);
            }
            return;
        }
        int from = (int) ((long) units * part / count);
        int to = (int) ((long) units * (part + 1) / count);
        if (splitRows) {
            int i0 = from * SgemmKernel.MR;
            int i1 = Math.min(m, to * SgemmKernel.MR);
            Sgemm.blocked(transA, transB, i0, i1, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    packed, false);
        } else {
            int j0 = from * SgemmKernel.NR;
            int j1 = Math.min(n, to * SgemmKernel.NR);
            Sgemm.blocked(transA, transB, 0, m, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    packed, true);
        }
    }
}
