package dev.nabla.tensor.kernel;

/**
 * Float32 transcendental activations, y = tanh(x), on the Vector API when it is enabled (the JDK's vector math
 * library, within a few ulps of {@link Math#tanh}) and element by element otherwise. Not generated into a
 * float64 twin: float64 exists for gradient checks and keeps {@link ElementwiseF64}'s exactly rounded loops.
 */
public final class Transcendental {
    private Transcendental() {
    }

    /** y = tanh(x) for the first n elements (y may be x). */
    public static void tanh(float[] x, float[] y, int n) {
        if (Vectorization.enabled()) {
            VectorTranscendental.tanh(x, y, n);
        } else {
            ElementwiseF32.tanh(x, y, n);
        }
    }
}
