// Generated from SgemmSplit.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
package dev.nabla.tensor.kernel;

/**
 * One parallel float64 product as a reusable {@link KernelThreads.Part}, run in two rounds. First the operand every
 * part needs — all of op(A) when C is split by columns, all of op(B) when by rows — is packed once, each part
 * packing its share of the panels, instead of once per part. Then part p of P computes the columns (or rows) of
 * whole tiles [units·p/P, units·(p+1)/P) of C from that packing. Allocates nothing once its buffer has grown.
 */
final class DgemmSplit extends DgemmJob {
    private boolean splitRows;
    private int units;
    /** True during the first round. */
    private boolean packing;
    /** The shared packing; kept between calls. */
    private double[] packed = new double[0];

    /** Splits rows (else columns) of C into {@code units} whole tiles for the next {@link #runAndClear}. */
    void split(boolean splitRows, int units) {
        this.splitRows = splitRows;
        this.units = units;
    }

    /** Packs the shared operand, then computes C, each round in {@code parts} parts. */
    @Override
    void run(int parts) {
        int size = splitRows ? Dgemm.roundUp(n, DgemmKernel.NR) * k : Dgemm.roundUp(m, DgemmKernel.MR) * k;
        if (packed.length < size) {
            packed = new double[size];
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
            int panels = splitRows ? Dgemm.ceilDiv(n, DgemmKernel.NR) : Dgemm.ceilDiv(m, DgemmKernel.MR);
            int q0 = (int) ((long) panels * part / count);
            int q1 = (int) ((long) panels * (part + 1) / count);
            if (splitRows) {
                Dgemm.packShared(false, transB, b, bOff, ldb, n, k, q0, q1, packed);
            } else {
                Dgemm.packShared(true, transA, a, aOff, lda, m, k, q0, q1, packed);
            }
            return;
        }
        int from = (int) ((long) units * part / count);
        int to = (int) ((long) units * (part + 1) / count);
        if (splitRows) {
            int i0 = from * DgemmKernel.MR;
            int i1 = Math.min(m, to * DgemmKernel.MR);
            Dgemm.blocked(transA, transB, i0, i1, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    packed, false);
        } else {
            int j0 = from * DgemmKernel.NR;
            int j1 = Math.min(n, to * DgemmKernel.NR);
            Dgemm.blocked(transA, transB, 0, m, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    packed, true);
        }
    }
}
