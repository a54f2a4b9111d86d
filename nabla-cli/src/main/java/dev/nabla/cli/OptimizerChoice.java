package dev.nabla.cli;

import dev.nabla.autograd.Variable;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.Sgd;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code --optimizer}, {@code --lr} and {@code --weight-decay} as a factory for the training recipe.
 * The name is checked when the options are read, before any data is loaded.
 *
 * @param name         sgd, momentum, nesterov or adam
 * @param learningRate the step size
 * @param weightDecay  L2 coefficient α (0: none)
 */
record OptimizerChoice(String name, double learningRate, double weightDecay) {

    /** The choice for the given options; {@code learningRate} null takes the optimiser's usual default. */
    static OptimizerChoice of(String name, Double learningRate, double weightDecay) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        double lr = learningRate != null ? learningRate : Optimizers.defaultLearningRate(key);
        return new OptimizerChoice(key, lr, weightDecay);
    }

    Function<List<Variable>, Optimizer> factory() {
        return parameters -> {
            if (weightDecay == 0) {
                return Optimizers.create(name, parameters, learningRate);
            }
            // Optimizers.create has no weight decay; build the same optimisers with it.
            return switch (name) {
                case "sgd" -> new Sgd(parameters, learningRate, weightDecay);
                case "momentum" -> new Sgd(parameters, learningRate, weightDecay).momentum(0.9);
                case "nesterov" -> new Sgd(parameters, learningRate, weightDecay).momentum(0.9).nesterov(true);
                default -> new Adam(parameters, learningRate).weightDecay(weightDecay);
            };
        };
    }

    /** e.g. {@code adam, learning rate 0.001}. */
    String describe() {
        return name + ", learning rate " + learningRate + (weightDecay > 0 ? ", weight decay " + weightDecay : "");
    }
}
