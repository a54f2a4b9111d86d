package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import java.util.List;
import java.util.function.Function;

/**
 * An optimiser as data — its name and options — which builds the optimiser for a network's parameters:
 * {@code Training.builder().optimizer(Optimizers.config("adam", 1e-3, 0))}. Made by {@link Optimizers#config},
 * which refuses unknown names and invalid values before any parameter exists.
 *
 * @param name         one of {@link Optimizers#names()}
 * @param learningRate the step size η
 * @param weightDecay  λ, as {@code torch.optim} means it for this optimiser (0: none)
 */
public record OptimizerConfig(String name, double learningRate, double weightDecay)
        implements Function<List<Variable>, Optimizer> {

    public OptimizerConfig {
        Optimizer.requirePositive("learning rate", learningRate);
        Optimizer.requireNonNegative("weight decay", weightDecay);
        Optimizers.defaultLearningRate(name);
    }

    /** The optimiser over {@code parameters}. */
    public Optimizer create(List<Variable> parameters) {
        return Optimizers.build(this, parameters);
    }

    @Override
    public Optimizer apply(List<Variable> parameters) {
        return create(parameters);
    }

    /** e.g. {@code adam, learning rate 0.001}. */
    public String describe() {
        return name + ", learning rate " + learningRate + (weightDecay > 0 ? ", weight decay " + weightDecay : "");
    }
}
