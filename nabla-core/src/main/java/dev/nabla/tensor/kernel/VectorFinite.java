package dev.nabla.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link Finite} on whole vectors; loaded only when the Vector API is enabled. */
final class VectorFinite {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private VectorFinite() {
    }

    /** Checks the whole vectors of a[0, n): the index where the scalar tail starts, or −1 when one is not finite. */
    static int prefix(float[] a, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            acc = acc.add(FloatVector.fromArray(F, a, i).mul(0f));
        }
        for (float v : acc.toArray()) {
            if (v != 0f) {
                return -1;
            }
        }
        return i;
    }

    static int prefix(double[] a, int n) {
        DoubleVector acc = DoubleVector.zero(D);
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            acc = acc.add(DoubleVector.fromArray(D, a, i).mul(0d));
        }
        for (double v : acc.toArray()) {
            if (v != 0d) {
                return -1;
            }
        }
        return i;
    }
}
