package dev.nabla.nn;

import dev.nabla.tensor.Activation;

/** Y = max(X, α·X), elementwise, for a negative slope 0 &lt; α &lt; 1. */
public final class LeakyRelu extends ActivationLayer {
    /** The usual slope, 0.01. */
    public LeakyRelu() {
        this(0.01);
    }

    public LeakyRelu(double slope) {
        super(Activation.LEAKY_RELU, checked(slope));
    }

    private static double checked(double slope) {
        if (!(slope > 0 && slope < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must lie in (0, 1), got " + slope);
        }
        return slope;
    }

    @Override
    public String describe() {
        return "LeakyRelu(" + slope() + ")";
    }
}
