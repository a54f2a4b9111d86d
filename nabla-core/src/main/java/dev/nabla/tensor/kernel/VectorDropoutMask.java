package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API half of {@link DropoutMask}; loaded only when {@link Vectorization#enabled()}. */
final class VectorDropoutMask {
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final int L = IS.length();
    private static final int[] LANES = new int[L];

    static {
        for (int k = 0; k < L; k++) {
            LANES[k] = k;
        }
    }

    private VectorDropoutMask() {
    }

    /**
     * Fills whole vectors of m[at…at + n) with {@link DropoutMask#draw}'s decisions for elements first…; returns where
     * it stopped.
     */
    static int fill(int base, int threshold, float scale, float[] m, int at, int n, int first) {
        if (FS.length() != L) {
            return 0;
        }
        IntVector lanes = IntVector.fromArray(IS, LANES, 0);
        FloatVector zero = FloatVector.zero(FS);
        int i = 0;
        for (int bound = IS.loopBound(n); i < bound; i += L) {
            IntVector h = lanes.add(first + i).mul(DropoutMask.GOLDEN).add(base);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).mul(0x85EBCA6B);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 13)).mul(0xC2B2AE35);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
            VectorMask<Integer> keep = h.compare(VectorOperators.UGE, threshold);
            zero.blend(scale, keep.cast(FS)).intoArray(m, at + i);
        }
        return i;
    }
}
