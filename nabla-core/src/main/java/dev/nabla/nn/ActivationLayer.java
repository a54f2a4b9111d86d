package dev.nabla.nn;

import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Activation;

/**
 * A parameter-free pointwise activation Y = f(X) (GELU, SiLU, ELU, … as well as the named shorthands {@link Tanh},
 * {@link Relu} and the others). {@link Sequential} fuses it into a preceding {@link Linear}, so Linear + activation
 * is one graph node.
 */
public class ActivationLayer extends Module {
    private final ActivationSpec spec;

    /** The layer computing {@code f} with its default parameter (ELU's α = 1, leaky ReLU's slope 0.01). */
    public ActivationLayer(Activation f) {
        this.spec = new ActivationSpec(f);
    }

    /** The layer computing {@code f}; {@code p} is its parameter (leaky ReLU's slope, ELU's α; ignored by the others). */
    public ActivationLayer(Activation f, double p) {
        this.spec = new ActivationSpec(f, p);
    }

    /** The function f. */
    public final Activation activation() {
        return spec.activation();
    }

    /** f's parameter (leaky ReLU's slope, ELU's α; 0 for the others). */
    public final double parameter() {
        return spec.parameter();
    }

    @Override
    public final Variable forward(Variable x) {
        return Functional.activation(x, spec.activation(), spec.parameter());
    }

    @Override
    public final ActivationSpec spec() {
        return spec;
    }
}
