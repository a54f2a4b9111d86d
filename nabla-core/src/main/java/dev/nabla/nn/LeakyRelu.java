package dev.nabla.nn;

import dev.nabla.tensor.Activation;

/** Y = max(X, α·X), elementwise, for a negative slope 0 &lt; α &lt; 1. */
public final class LeakyRelu extends ActivationLayer {
    /** The usual slope, 0.01. */
    public LeakyRelu() {
        this(0.01);
    }

    public LeakyRelu(double slope) {
        super(Activation.LEAKY_RELU, slope);
    }
}
