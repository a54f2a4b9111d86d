package dev.nabla.nn;

import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Activation;

/**
 * A parameter-free pointwise activation Y = f(X). {@link Sequential} fuses it into a preceding
 * {@link Linear}, so Linear + activation is one graph node. {@link Tanh}, {@link Relu} and the others are
 * named shorthands.
 */
public class ActivationLayer extends Module {
    private final ActivationSpec spec;

    /** The layer computing {@code f}; {@code slope} is the leaky-ReLU slope (ignored by the others). */
    public ActivationLayer(Activation f, double slope) {
        this.spec = f == Activation.LEAKY_RELU ? new ActivationSpec(f, slope) : new ActivationSpec(f);
    }

    /** The function f. */
    public final Activation activation() {
        return spec.activation();
    }

    /** The negative slope (leaky ReLU only; 0 otherwise). */
    public final double slope() {
        return spec.slope();
    }

    @Override
    public final Variable forward(Variable x) {
        return Functional.activation(x, spec.activation(), spec.slope());
    }

    @Override
    public final ActivationSpec spec() {
        return spec;
    }
}
