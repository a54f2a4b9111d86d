package dev.nabla.spark;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector part of the all-reduce's element-wise loops (scale into the ring's buffer, add a received share, divide
 * back out); each returns where it stopped, and the caller's scalar loop does the rest — the same IEEE operation per
 * element, so the bits do not depend on the path. Loaded only where {@link dev.nabla.tensor.Simd#enabled()}: this
 * class names Vector API types.
 */
final class VectorSums {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private VectorSums() {
    }

    /** out[at + 4i] ← s·g[i] for whole vectors of g. */
    static int scale(float[] g, float s, MemorySegment out, long at) {
        int i = 0;
        for (int bound = F.loopBound(g.length); i < bound; i += F.length()) {
            FloatVector.fromArray(F, g, i).mul(s).intoMemorySegment(out, at + i * 4L, ORDER);
        }
        return i;
    }

    /** out[at + 8i] ← s·g[i] for whole vectors of g. */
    static int scale(double[] g, double s, MemorySegment out, long at) {
        int i = 0;
        for (int bound = D.loopBound(g.length); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, g, i).mul(s).intoMemorySegment(out, at + i * 8L, ORDER);
        }
        return i;
    }

    /** g[i] ← in[at + 4i] / total for whole vectors of g. */
    static int divide(MemorySegment in, long at, float total, float[] g) {
        int i = 0;
        for (int bound = F.loopBound(g.length); i < bound; i += F.length()) {
            FloatVector.fromMemorySegment(F, in, at + i * 4L, ORDER).div(total).intoArray(g, i);
        }
        return i;
    }

    /** g[i] ← in[at + 8i] / total for whole vectors of g. */
    static int divide(MemorySegment in, long at, double total, double[] g) {
        int i = 0;
        for (int bound = D.loopBound(g.length); i < bound; i += D.length()) {
            DoubleVector.fromMemorySegment(D, in, at + i * 8L, ORDER).div(total).intoArray(g, i);
        }
        return i;
    }

    /** work[w + i] ← work[w + i] + in[r + i] (floats, byte offsets) for whole vectors of count. */
    static int addFloats(MemorySegment work, long w, MemorySegment in, long r, int count) {
        int i = 0;
        for (int bound = F.loopBound(count); i < bound; i += F.length()) {
            FloatVector.fromMemorySegment(F, work, w + i * 4L, ORDER)
                    .add(FloatVector.fromMemorySegment(F, in, r + i * 4L, ORDER))
                    .intoMemorySegment(work, w + i * 4L, ORDER);
        }
        return i;
    }

    /** work[w + i] ← work[w + i] + in[r + i] (doubles, byte offsets) for whole vectors of count. */
    static int addDoubles(MemorySegment work, long w, MemorySegment in, long r, int count) {
        int i = 0;
        for (int bound = D.loopBound(count); i < bound; i += D.length()) {
            DoubleVector.fromMemorySegment(D, work, w + i * 8L, ORDER)
                    .add(DoubleVector.fromMemorySegment(D, in, r + i * 8L, ORDER))
                    .intoMemorySegment(work, w + i * 8L, ORDER);
        }
        return i;
    }
}
