// Generated from SgemmCopy.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
package dev.nabla.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector copies for {@link DgemmPacking}: a transposing copy of a 16×16 block in registers, and a copy of rows of
 * any width. Scalar transposing loops move one element at a time with a stride; these move whole vectors. Pure
 * data movement, so every JIT tier gives the same bits.
 */
final class DgemmCopy {
    static final VectorSpecies<Double> S = DgemmBlocking.S;
    /** Lanes per vector. */
    static final int L = S.length();
    /**
     * True when {@link #block} serves this lane count: 16 (AVX-512). With 8 lanes (AVX2) the same two passes measured
     * slower than the scalar loop they replace (side by side under {@code -XX:UseAVX=2}), so narrower vectors keep it.
     */
    static final boolean TRANSPOSES = L == 16;
    /*
     * Stage h of the transpose pairs rows i and i + h (i mod 2h < h): LOW_h keeps the first h lanes of every 2h
     * lanes of row i and appends those of row i + h, HIGH_h does the same with the second h lanes. Each stage swaps
     * one bit of the row index with the same bit of the lane index, so the stages commute, and after h = 1, 2, …,
     * L/2 row i holds column i. Indices ≥ L select from the second vector. {@link DgemmNarrow} adds the two
     * selections of a stage instead, to sum the lanes of several vectors at once (on 8 or 16 lanes).
     */
    static final DoubleVector LOW_1 = stage(1, false);
    static final DoubleVector HIGH_1 = stage(1, true);
    static final DoubleVector LOW_2 = stage(2, false);
    static final DoubleVector HIGH_2 = stage(2, true);
    static final DoubleVector LOW_4 = stage(4, false);
    static final DoubleVector HIGH_4 = stage(4, true);
    static final DoubleVector LOW_8 = stage(8, false);
    static final DoubleVector HIGH_8 = stage(8, true);

    private DgemmCopy() {
    }

    /** The lane indices of stage h (see above), or zeros when h ≥ L (a stage this lane count does not have). */
    private static DoubleVector stage(int h, boolean high) {
        double[] index = new double[L];
        for (int lane = 0; h < L && lane < L; lane++) {
            int group = lane / (2 * h) * 2 * h;
            int within = lane % (2 * h);
            int from = within < h ? 0 : L;
            index[lane] = from + group + within % h + (high ? h : 0);
        }
        return DoubleVector.fromArray(S, index, 0);
    }

    /**
     * dst[dof + p·ds + r] = src[so + r·ss + p] for p ∈ [0, L), r ∈ [0, width), where rows r ≥ {@code rows} read the
     * last row instead: the transpose of the rows×L block at {@code so} (row stride ss), L = 16. Those extra rows only
     * fill the padding of a panel, whose products land in tile elements that no merge writes. Requires
     * {@link #TRANSPOSES}, 1 ≤ rows ≤ L, width ≤ L and a scratch array of L·L elements; reads L elements of each of
     * the first {@code rows} rows.
     *
     * <p>Two passes through {@code scratch}, four rows at a time: a method holding all L rows in registers was too
     * large for C1 (it ran interpreted until C2 took it), and no vector may cross a call (it would be boxed).
     */
    static void block(double[] src, int so, int ss, int rows, double[] dst, int dof, int ds, int width,
                      double[] scratch) {
        int last = rows - 1;
        for (int g = 0; g < L; g += 4) {
            near(src, so, ss, g, last, scratch);
        }
        for (int g = 0; g < 4; g++) {
            far(scratch, g, dst, dof, ds, width);
        }
    }

    /** Stages 1 and 2 on rows g..g+3 of the block (rows past {@code last} read row {@code last}), into scratch. */
    private static void near(double[] src, int so, int ss, int g, int last, double[] scratch) {
        DoubleVector v0 = DoubleVector.fromArray(S, src, so + Math.min(g, last) * ss);
        DoubleVector v1 = DoubleVector.fromArray(S, src, so + Math.min(g + 1, last) * ss);
        DoubleVector v2 = DoubleVector.fromArray(S, src, so + Math.min(g + 2, last) * ss);
        DoubleVector v3 = DoubleVector.fromArray(S, src, so + Math.min(g + 3, last) * ss);
        DoubleVector a0 = LOW_1.selectFrom(v0, v1);
        DoubleVector a1 = HIGH_1.selectFrom(v0, v1);
        DoubleVector a2 = LOW_1.selectFrom(v2, v3);
        DoubleVector a3 = HIGH_1.selectFrom(v2, v3);
        LOW_2.selectFrom(a0, a2).intoArray(scratch, g * L);
        LOW_2.selectFrom(a1, a3).intoArray(scratch, (g + 1) * L);
        HIGH_2.selectFrom(a0, a2).intoArray(scratch, (g + 2) * L);
        HIGH_2.selectFrom(a1, a3).intoArray(scratch, (g + 3) * L);
    }

    /** Stages 4 and 8 on scratch rows g, g+4, g+8, g+12, into those rows of dst. */
    private static void far(double[] scratch, int g, double[] dst, int dof, int ds, int width) {
        DoubleVector v0 = DoubleVector.fromArray(S, scratch, g * L);
        DoubleVector v1 = DoubleVector.fromArray(S, scratch, (g + 4) * L);
        DoubleVector v2 = DoubleVector.fromArray(S, scratch, (g + 8) * L);
        DoubleVector v3 = DoubleVector.fromArray(S, scratch, (g + 12) * L);
        DoubleVector c0 = LOW_4.selectFrom(v0, v1);
        DoubleVector c1 = HIGH_4.selectFrom(v0, v1);
        DoubleVector c2 = LOW_4.selectFrom(v2, v3);
        DoubleVector c3 = HIGH_4.selectFrom(v2, v3);
        VectorMask<Double> lanes = S.indexInRange(0, width);
        LOW_8.selectFrom(c0, c2).intoArray(dst, dof + g * ds, lanes);
        LOW_8.selectFrom(c1, c3).intoArray(dst, dof + (g + 4) * ds, lanes);
        HIGH_8.selectFrom(c0, c2).intoArray(dst, dof + (g + 8) * ds, lanes);
        HIGH_8.selectFrom(c1, c3).intoArray(dst, dof + (g + 12) * ds, lanes);
    }

    /**
     * dst[dof + p·ds + j] = j &lt; valid ? src[so + p·ss + j] : 0 for p ∈ [0, count), j ∈ [0, width): {@code count}
     * rows of {@code width} elements, the last {@code width − valid} of them zero. Requires valid ≤ width.
     */
    static void rows(double[] src, int so, int ss, double[] dst, int dof, int ds, int count, int width, int valid) {
        if (valid == width && width % L == 0) {
            for (int p = 0; p < count; p++) {
                for (int j = 0; j < width; j += L) {
                    DoubleVector.fromArray(S, src, so + p * ss + j).intoArray(dst, dof + p * ds + j);
                }
            }
            return;
        }
        for (int j = 0; j < width; j += L) {
            VectorMask<Double> store = S.indexInRange(j, width);
            VectorMask<Double> load = S.indexInRange(j, valid);
            for (int p = 0; p < count; p++) {
                DoubleVector.fromArray(S, src, so + p * ss + j, load).intoArray(dst, dof + p * ds + j, store);
            }
        }
    }
}
