package dev.nabla.nn;

import dev.nabla.tensor.Activation;

/** Y = tanh x, elementwise. */
public final class Tanh extends ActivationLayer {
    public Tanh() {
        super(Activation.TANH, 0);
    }
}
