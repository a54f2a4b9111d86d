package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Pointwise;
import java.util.List;

/**
 * Stochastic gradient descent, θ ← θ − η·(∇θ + λθ), with learning rate η and optional L2 weight decay λ
 * (the gradient of λ/2·Σθ²), applied in one pass over each parameter.
 */
public final class Sgd extends Optimizer {
    private double learningRate;
    private final double weightDecay;

    public Sgd(List<Variable> parameters, double learningRate) {
        this(parameters, learningRate, 0);
    }

    public Sgd(List<Variable> parameters, double learningRate, double weightDecay) {
        super(parameters);
        this.learningRate = requirePositive("learning rate", learningRate);
        this.weightDecay = requireNonNegative("weight decay", weightDecay);
    }

    public double learningRate() {
        return learningRate;
    }

    /** Changes the learning rate from the next step on (for schedules). */
    public void learningRate(double value) {
        this.learningRate = requirePositive("learning rate", value);
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public void step() {
        for (Variable p : parameters()) {
            if (p.grad() != null) {
                // θ ← (1 − ηλ)·θ − η·∇θ
                Pointwise.axpby(1 - learningRate * weightDecay, p.data(), -learningRate, p.grad(), p.data());
            }
        }
    }
}
