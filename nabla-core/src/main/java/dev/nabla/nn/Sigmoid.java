package dev.nabla.nn;

import dev.nabla.tensor.Activation;

/** Y = σ(x) = 1/(1 + e^{−x}), elementwise. */
public final class Sigmoid extends ActivationLayer {
    public Sigmoid() {
        super(Activation.SIGMOID, 0);
    }
}
