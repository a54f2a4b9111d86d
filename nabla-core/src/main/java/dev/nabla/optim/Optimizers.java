package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where an optimiser's name becomes an optimiser: each name with its usual learning rate, its default
 * weight decay, its options (PyTorch's keyword names and defaults) and how it is built from an
 * {@link OptimizerConfig}. {@code --optimizer NAME[:OPTIONS]} and model files use these names.
 */
public final class Optimizers {
    /** How a named optimiser is built; {@code weightDecay} means what it means in {@code torch.optim}. */
    private interface Factory {
        Optimizer create(List<Variable> parameters, double learningRate, double weightDecay, Map<String, Double> o);
    }

    /**
     * @param learningRate a learning rate that suits the optimiser on standardised inputs
     * @param weightDecay  the decay when none is given (AdamW's 1e-2, 0 elsewhere)
     * @param options      option → default, in the order the options may be given without their names
     */
    private record Kind(double learningRate, double weightDecay, Map<String, Double> options, Factory factory) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("sgd", new Kind(0.1, 0, Map.of(), (p, lr, wd, o) -> new Sgd(p, lr, wd)));
        // Momentum's velocity makes steps up to 1/(1 − μ) = 10 times larger, hence half sgd's rate.
        KINDS.put("momentum", new Kind(0.05, 0, Map.of("momentum", 0.9),
                (p, lr, wd, o) -> new Sgd(p, lr, wd).momentum(o.get("momentum"))));
        KINDS.put("nesterov", new Kind(0.05, 0, Map.of("momentum", 0.9),
                (p, lr, wd, o) -> new Sgd(p, lr, wd).momentum(o.get("momentum")).nesterov(true)));
        Map<String, Double> adam = NamedArgs.ordered("beta1", 0.9, "beta2", 0.999, "eps", 1e-8);
        KINDS.put("adam", new Kind(1e-3, 0, adam, (p, lr, wd, o) -> new Adam(p, lr).weightDecay(wd)
                .betas(o.get("beta1"), o.get("beta2")).eps(o.get("eps"))));
        KINDS.put("adamw", new Kind(1e-3, AdamW.DEFAULT_WEIGHT_DECAY, adam, (p, lr, wd, o) -> new AdamW(p, lr)
                .weightDecay(wd).betas(o.get("beta1"), o.get("beta2")).eps(o.get("eps"))));
        KINDS.put("rmsprop", new Kind(1e-2, 0, NamedArgs.ordered("alpha", 0.99, "eps", 1e-8, "momentum", 0.0, "centered", 0.0),
                (p, lr, wd, o) -> new RmsProp(p, lr).weightDecay(wd).alpha(o.get("alpha")).eps(o.get("eps"))
                        .momentum(o.get("momentum")).centered(NamedArgs.flag(o, "centered"))));
        KINDS.put("adagrad", new Kind(1e-2, 0, NamedArgs.ordered("eps", 1e-10, "lr_decay", 0.0, "initial_accumulator_value", 0.0),
                (p, lr, wd, o) -> new Adagrad(p, lr).weightDecay(wd).eps(o.get("eps"))
                        .learningRateDecay(o.get("lr_decay")).initialAccumulator(o.get("initial_accumulator_value"))));
        KINDS.put("lbfgs", new Kind(1, 0, NamedArgs.ordered("history_size", 100.0, "max_iter", 20.0, "max_eval", 0.0,
                "tolerance_grad", 1e-7, "tolerance_change", 1e-9, "line_search", 1.0),
                (p, lr, wd, o) -> new Lbfgs(p, lr).weightDecay(wd).historySize(NamedArgs.whole(o, "history_size", 1))
                        .maxIter(NamedArgs.whole(o, "max_iter", 1)).maxEval(NamedArgs.whole(o, "max_eval", 0))
                        .toleranceGrad(o.get("tolerance_grad")).toleranceChange(o.get("tolerance_change"))
                        .lineSearch(NamedArgs.flag(o, "line_search"))));
    }

    private Optimizers() {
    }

    /**
     * The configuration for the optimiser written {@code text} ({@code NAME[:OPTIONS]}, case-insensitive; see
     * {@link NamedArgs}); {@code learningRate} null takes the optimiser's usual one, {@code weightDecay} null its
     * default (1e-2 for AdamW as in {@code torch.optim.AdamW}, 0 for the others).
     *
     * @throws IllegalArgumentException for an unknown name or option, or an invalid value, naming it
     */
    public static OptimizerConfig config(String text, Double learningRate, Double weightDecay) {
        NamedArgs named = NamedArgs.parse(text);
        Kind kind = kind(named.name());
        return new OptimizerConfig(named.name(), learningRate != null ? learningRate : kind.learningRate(),
                weightDecay != null ? weightDecay : kind.weightDecay(), named.values(kind.options()));
    }

    /** The optimiser called {@code name} over {@code parameters} with the given learning rate and its default decay. */
    public static Optimizer create(String name, List<Variable> parameters, double learningRate) {
        return config(name, learningRate, null).create(parameters);
    }

    /** The usual learning rate of the optimiser called {@code name}. */
    public static double defaultLearningRate(String name) {
        return kind(NamedArgs.parse(name).name()).learningRate();
    }

    /** The valid names, comma separated. */
    public static String names() {
        return String.join(", ", KINDS.keySet());
    }


    static Map<String, Double> defaults(String name) {
        return kind(name).options();
    }

    static Optimizer build(String name, double learningRate, double weightDecay, Map<String, Double> options,
                           List<Variable> parameters) {
        return kind(name).factory().create(parameters, learningRate, weightDecay, options);
    }

    private static Kind kind(String key) {
        Kind kind = KINDS.get(key);
        if (kind == null) {
            throw new IllegalArgumentException("unknown optimizer '" + key + "'; expected one of " + names());
        }
        return kind;
    }



}
