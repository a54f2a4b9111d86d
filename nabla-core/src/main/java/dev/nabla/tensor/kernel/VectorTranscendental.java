package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API half of {@link Transcendental}; loaded only when {@link Vectorization#enabled()}. */
final class VectorTranscendental {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorTranscendental() {
    }

    /** y = tanh(x), whole vectors through the vector math library, the tail lane by lane with Math.tanh. */
    static void tanh(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }
}
