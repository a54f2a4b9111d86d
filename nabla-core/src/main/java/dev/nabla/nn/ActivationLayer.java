package dev.nabla.nn;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Activation;

/**
 * A parameter-free pointwise activation Y = f(X). {@link Sequential} fuses it into a preceding
 * {@link Linear}, so Linear + activation is one graph node.
 */
public abstract class ActivationLayer extends Module {
    private final Activation activation;
    private final double slope;

    protected ActivationLayer(Activation activation, double slope) {
        this.activation = activation;
        this.slope = slope;
    }

    /** The function f. */
    public final Activation activation() {
        return activation;
    }

    /** The negative slope (leaky ReLU only; 0 otherwise). */
    public final double slope() {
        return slope;
    }

    @Override
    public final Variable forward(Variable x) {
        return switch (activation) {
            case IDENTITY -> x;
            case TANH -> x.tanh();
            case SIGMOID -> x.sigmoid();
            case RELU -> x.relu();
            case LEAKY_RELU -> x.leakyRelu(slope);
        };
    }

    /** The layer computing {@code f}, e.g. for building networks from a description. */
    public static ActivationLayer of(Activation f, double slope) {
        return switch (f) {
            case IDENTITY -> new Identity();
            case TANH -> new Tanh();
            case SIGMOID -> new Sigmoid();
            case RELU -> new Relu();
            case LEAKY_RELU -> new LeakyRelu(slope);
        };
    }
}
