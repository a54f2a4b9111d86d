package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Weight initialisers; each draws from the generator it is given, never from a global one. */
public enum Init {
    /** U(−a, a) with a = √(6 / (fan_in + fan_out)) (Glorot and Bengio 2010). */
    XAVIER_UNIFORM,
    /** N(0, σ²) with σ = √(2 / (fan_in + fan_out)). */
    XAVIER_NORMAL,
    /** U(−a, a) with a = √(6 / fan_in), for ReLU layers (He et al. 2015). */
    HE_UNIFORM,
    /** N(0, σ²) with σ = √(2 / fan_in). */
    HE_NORMAL,
    /** All zeros. */
    ZEROS;

    /** Fills {@code w} in row-major order from {@code rng}. */
    public void fill(Tensor w, int fanIn, int fanOut, RandomGenerator rng) {
        switch (this) {
            case XAVIER_UNIFORM -> uniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
            case HE_UNIFORM -> uniform(w, Math.sqrt(6.0 / fanIn), rng);
            case XAVIER_NORMAL -> normal(w, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
            case HE_NORMAL -> normal(w, Math.sqrt(2.0 / fanIn), rng);
            case ZEROS -> w.fillInPlace(0);
        }
    }

    private static void uniform(Tensor w, double limit, RandomGenerator rng) {
        for (int i = 0; i < w.size(); i++) {
            w.set(i, (2 * rng.nextDouble() - 1) * limit);
        }
    }

    private static void normal(Tensor w, double sigma, RandomGenerator rng) {
        for (int i = 0; i < w.size(); i++) {
            w.set(i, rng.nextGaussian() * sigma);
        }
    }

    /** The initialiser with the given lower-case name, e.g. {@code he_normal}. */
    public static Init fromId(String id) {
        for (Init i : values()) {
            if (i.name().equalsIgnoreCase(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown initialiser '" + id + "'; expected xavier_uniform, xavier_normal, "
                + "he_uniform, he_normal or zeros");
    }
}
