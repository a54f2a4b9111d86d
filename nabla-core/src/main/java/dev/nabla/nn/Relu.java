package dev.nabla.nn;

import dev.nabla.tensor.Activation;

/** Y = max(0, x), elementwise. */
public final class Relu extends ActivationLayer {
    public Relu() {
        super(Activation.RELU, 0);
    }
}
