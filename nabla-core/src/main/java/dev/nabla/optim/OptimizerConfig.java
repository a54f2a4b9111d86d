package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An optimiser as data — its name and options — which builds the optimiser for a network's parameters:
 * {@code Training.builder().optimizer(Optimizers.config("adam", 1e-3, 0))}. Made by {@link Optimizers#config},
 * which refuses unknown names and options; the constructor refuses invalid values (it builds the optimiser once
 * over a dummy parameter, so the optimiser's own checks apply) before any real parameter exists.
 *
 * @param name         one of {@link Optimizers#names()}
 * @param learningRate the step size η
 * @param weightDecay  λ, as {@code torch.optim} means it for this optimiser (0: none)
 * @param options      the optimiser's own options by PyTorch's names ({@code momentum}, {@code history_size}, …)
 */
public record OptimizerConfig(String name, double learningRate, double weightDecay, Map<String, Double> options)
        implements Function<List<Variable>, Optimizer> {

    public OptimizerConfig {
        Optimizer.requirePositive("learning rate", learningRate);
        Optimizer.requireNonNegative("weight decay", weightDecay);
        Map<String, Double> defaults = Optimizers.defaults(name);
        options = Map.copyOf(options);
        if (!defaults.keySet().equals(options.keySet())) {
            throw new IllegalArgumentException(name + " takes the options " + defaults.keySet() + ", got "
                    + options.keySet());
        }
        Optimizers.build(name, learningRate, weightDecay, options, dummy());
    }

    /** The configuration with the optimiser's default options. */
    public OptimizerConfig(String name, double learningRate, double weightDecay) {
        this(name, learningRate, weightDecay, Optimizers.defaults(name));
    }

    /** The optimiser over {@code parameters}. */
    public Optimizer create(List<Variable> parameters) {
        return Optimizers.build(name, learningRate, weightDecay, options, parameters);
    }

    @Override
    public Optimizer apply(List<Variable> parameters) {
        return create(parameters);
    }

    /** Whether the optimiser trains on the whole training set as one batch ({@link Optimizer#fullBatch()}). */
    public boolean fullBatch() {
        return create(dummy()).fullBatch();
    }

    private static List<Variable> dummy() {
        return List.of(Variable.parameter(Tensor.zeros(DType.F64, 1)));
    }

    /** e.g. {@code rmsprop, learning rate 0.01, weight decay 0.0001, momentum 0.9}. */
    public String describe() {
        String changed = NamedArgs.changed(options, Optimizers.defaults(name));
        return name + ", learning rate " + learningRate + (weightDecay > 0 ? ", weight decay " + weightDecay : "")
                + (changed.isEmpty() ? "" : ", " + changed);
    }
}
