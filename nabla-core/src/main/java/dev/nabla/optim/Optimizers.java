package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import java.util.List;
import java.util.Locale;

/** Optimisers by name, for the command line: sgd, momentum (μ = 0.9), nesterov (μ = 0.9) and adam. */
public final class Optimizers {
    private static final String NAMES = "sgd, momentum, nesterov, adam";

    private Optimizers() {
    }

    /** The optimiser called {@code name} (case-insensitive) over {@code parameters} with the given learning rate. */
    public static Optimizer create(String name, List<Variable> parameters, double learningRate) {
        return switch (key(name)) {
            case "sgd" -> new Sgd(parameters, learningRate);
            case "momentum" -> new Sgd(parameters, learningRate).momentum(0.9);
            case "nesterov" -> new Sgd(parameters, learningRate).momentum(0.9).nesterov(true);
            case "adam" -> new Adam(parameters, learningRate);
            default -> throw unknown(name);
        };
    }

    /**
     * A learning rate that suits the optimiser called {@code name} on standardised inputs: 0.1 for sgd; 0.05 with
     * momentum, whose velocity makes steps up to 1/(1 − μ) = 10 times larger; 0.001 for adam (PyTorch's default).
     */
    public static double defaultLearningRate(String name) {
        return switch (key(name)) {
            case "sgd" -> 0.1;
            case "momentum", "nesterov" -> 0.05;
            case "adam" -> 1e-3;
            default -> throw unknown(name);
        };
    }

    /** The valid names, comma separated. */
    public static String names() {
        return NAMES;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown optimizer '" + name + "'; expected one of " + NAMES);
    }
}
