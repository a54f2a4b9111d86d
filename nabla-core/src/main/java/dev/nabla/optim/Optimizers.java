package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where an optimiser's name becomes an optimiser: each name with its usual learning rate and how
 * it is built from a {@link OptimizerConfig}. {@code --optimizer} and model files use these names.
 */
public final class Optimizers {
    /** How a named optimiser is built; {@code weightDecay} means what it means in {@code torch.optim}. */
    private interface Factory {
        Optimizer create(List<Variable> parameters, double learningRate, double weightDecay);
    }

    /**
     * @param learningRate a learning rate that suits the optimiser on standardised inputs
     */
    private record Kind(double learningRate, Factory factory) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("sgd", new Kind(0.1, Sgd::new));
        // Momentum's velocity makes steps up to 1/(1 − μ) = 10 times larger, hence half sgd's rate.
        KINDS.put("momentum", new Kind(0.05, (p, lr, wd) -> new Sgd(p, lr, wd).momentum(0.9)));
        KINDS.put("nesterov", new Kind(0.05, (p, lr, wd) -> new Sgd(p, lr, wd).momentum(0.9).nesterov(true)));
        KINDS.put("adam", new Kind(1e-3, (p, lr, wd) -> new Adam(p, lr).weightDecay(wd)));
    }

    private Optimizers() {
    }

    /**
     * The configuration for the optimiser called {@code name} (case-insensitive); {@code learningRate} null takes
     * the optimiser's usual one.
     *
     * @throws IllegalArgumentException for an unknown name or an invalid value, naming it
     */
    public static OptimizerConfig config(String name, Double learningRate, double weightDecay) {
        String key = key(name);
        Kind kind = kind(key);
        return new OptimizerConfig(key, learningRate != null ? learningRate : kind.learningRate(), weightDecay);
    }

    /** The optimiser called {@code name} over {@code parameters} with the given learning rate and no weight decay. */
    public static Optimizer create(String name, List<Variable> parameters, double learningRate) {
        return config(name, learningRate, 0).create(parameters);
    }

    /** The usual learning rate of the optimiser called {@code name}. */
    public static double defaultLearningRate(String name) {
        return kind(key(name)).learningRate();
    }

    /** The valid names, comma separated. */
    public static String names() {
        return String.join(", ", KINDS.keySet());
    }

    static Optimizer build(OptimizerConfig config, List<Variable> parameters) {
        return kind(config.name()).factory().create(parameters, config.learningRate(), config.weightDecay());
    }

    private static Kind kind(String key) {
        Kind kind = KINDS.get(key);
        if (kind == null) {
            throw new IllegalArgumentException("unknown optimizer '" + key + "'; expected one of " + names());
        }
        return kind;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
