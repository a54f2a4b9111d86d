package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Updates a list of parameters from their gradients; owns whatever state the update rule needs. */
public abstract class Optimizer {
    private final List<Variable> parameters;
    private double learningRate;

    protected Optimizer(List<Variable> parameters, double learningRate) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs at least one parameter");
        }
        for (Variable p : parameters) {
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException("an optimiser updates parameters; got a value without gradient: " + p);
            }
        }
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Variable p : parameters) {
            if (!seen.add(p)) {
                throw new IllegalArgumentException("parameter listed twice (it would be updated twice): " + p);
            }
        }
        this.parameters = List.copyOf(parameters);
        this.learningRate = requirePositive("learning rate", learningRate);
    }

    /** The step size η. */
    public final double learningRate() {
        return learningRate;
    }

    /** Changes the learning rate from the next step on (for schedules). */
    public final void learningRate(double value) {
        this.learningRate = requirePositive("learning rate", value);
    }

    /** The parameters this optimiser updates. */
    public final List<Variable> parameters() {
        return parameters;
    }

    /** Applies one update from the current gradients; parameters without a gradient yet are skipped. */
    public abstract void step();

    /** Sets every parameter's gradient to zero. */
    public final void zeroGrad() {
        for (Variable p : parameters) {
            p.zeroGrad();
        }
    }

    static double requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
        return value;
    }

    static double requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
        }
        return value;
    }
}
