package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where a schedule's name becomes a schedule: each name with its arguments (PyTorch's names,
 * defaults, and the order in which they may be given without names) and its curve. {@code --schedule NAME[:ARGS]}
 * uses these names; epochs are counted from the end of the warm-up.
 * <ul>
 *   <li>{@code constant}: η.</li>
 *   <li>{@code step:step_size,gamma}: η·γ^⌊e/step_size⌋ at epoch e ({@code StepLR} stepped per epoch; γ 0.1).</li>
 *   <li>{@code exponential:gamma}: η·γ^e at epoch e ({@code ExponentialLR} stepped per epoch).</li>
 *   <li>{@code cosine:eta_min,t_0,t_mult}: cosine from η to η_min over the run ({@code CosineAnnealingLR}), or with
 *       t_0 &gt; 0 restarting after t_0 epochs, each cycle t_mult times longer ({@code CosineAnnealingWarmRestarts}).</li>
 *   <li>{@code onecycle:max_lr,pct_start,div_factor,final_div_factor,linear,three_phase}: {@code OneCycleLR} over
 *       the run, max_lr = η unless given (0.3, 25, 1e4, cosine, two phases), without its momentum cycling.</li>
 *   <li>{@code plateau:patience,factor,threshold,cooldown,min_lr}: {@code ReduceLROnPlateau} on the monitored loss
 *       after each epoch (10, 0.1, 1e-4 relative, 0, 0).</li>
 * </ul>
 */
public final class Schedules {
    /** A curve from the base rate η, the arguments, the steps per epoch and the steps after the warm-up. */
    private interface Factory {
        Curve create(double base, Map<String, Double> a, long stepsPerEpoch, long steps);
    }

    /** @param args argument → default (NaN: required), in positional order */
    private record Kind(Map<String, Double> args, Factory factory) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("constant", new Kind(Map.of(), (base, a, spe, steps) -> t -> base));
        KINDS.put("step", new Kind(NamedArgs.ordered("step_size", Double.NaN, "gamma", 0.1), (base, a, spe, steps) -> {
            long every = NamedArgs.whole(a, "step_size", 1);
            double gamma = positive(a, "gamma");
            return t -> base * Math.pow(gamma, t / spe / every);
        }));
        KINDS.put("exponential", new Kind(NamedArgs.ordered("gamma", Double.NaN), (base, a, spe, steps) -> {
            double gamma = positive(a, "gamma");
            return t -> base * Math.pow(gamma, t / spe);
        }));
        KINDS.put("cosine", new Kind(NamedArgs.ordered("eta_min", 0.0, "t_0", 0.0, "t_mult", 1.0), (base, a, spe, steps) -> {
            long restart = NamedArgs.whole(a, "t_0", 0);
            return new CosineAnnealing(base, nonNegative(a, "eta_min"), restart > 0 ? restart * spe : steps,
                    restart > 0, NamedArgs.whole(a, "t_mult", 1));
        }));
        KINDS.put("onecycle", new Kind(NamedArgs.ordered("max_lr", 0.0, "pct_start", 0.3, "div_factor", 25.0,
                "final_div_factor", 1e4, "linear", 0.0, "three_phase", 0.0), (base, a, spe, steps) -> {
            double pct = a.get("pct_start");
            if (!(pct > 0 && pct < 1)) {
                throw new IllegalArgumentException("onecycle: pct_start must lie in (0, 1), got " + pct);
            }
            double max = nonNegative(a, "max_lr");
            return new OneCycle(max > 0 ? max : base, steps, pct, positive(a, "div_factor"),
                    positive(a, "final_div_factor"), NamedArgs.flag(a, "linear"), NamedArgs.flag(a, "three_phase"));
        }));
        KINDS.put("plateau", new Kind(NamedArgs.ordered("patience", 10.0, "factor", 0.1, "threshold", 1e-4, "cooldown", 0.0,
                "min_lr", 0.0), (base, a, spe, steps) -> {
            double factor = positive(a, "factor");
            if (factor >= 1) {
                throw new IllegalArgumentException("plateau: factor must be below 1, got " + factor);
            }
            return new Plateau(base, factor, (int) NamedArgs.whole(a, "patience", 0), nonNegative(a, "threshold"),
                    (int) NamedArgs.whole(a, "cooldown", 0), nonNegative(a, "min_lr"));
        }));
    }

    private Schedules() {
    }

    /**
     * The schedule written {@code text} ({@code NAME[:ARGS]}, case-insensitive; see {@link NamedArgs}) after a
     * linear warm-up of {@code warmup} steps.
     *
     * @throws IllegalArgumentException for an unknown name or argument, a missing or invalid value, naming it
     */
    public static ScheduleConfig config(String text, int warmup) {
        NamedArgs named = NamedArgs.parse(text);
        return new ScheduleConfig(named.name(), named.values(kind(named.name()).args()), warmup);
    }

    /** The valid names, comma separated. */
    public static String names() {
        return String.join(", ", KINDS.keySet());
    }

    static Map<String, Double> defaults(String name) {
        return kind(name).args();
    }

    static Curve curve(String name, Map<String, Double> args, double base, long stepsPerEpoch, long steps) {
        Kind kind = kind(name);
        if (!kind.args().keySet().equals(args.keySet())) {
            throw new IllegalArgumentException(name + " takes the arguments " + kind.args().keySet() + ", got "
                    + args.keySet());
        }
        args.forEach((k, v) -> {
            if (v.isNaN()) {
                throw new IllegalArgumentException(name + " needs " + k + " (" + name + ":" + k + "=…)");
            }
        });
        return kind.factory().create(base, args, stepsPerEpoch, steps);
    }

    private static Kind kind(String key) {
        Kind kind = KINDS.get(key);
        if (kind == null) {
            throw new IllegalArgumentException("unknown schedule '" + key + "'; expected one of " + names());
        }
        return kind;
    }


    private static double positive(Map<String, Double> a, String key) {
        return Optimizer.requirePositive(key, a.get(key));
    }

    private static double nonNegative(Map<String, Double> a, String key) {
        return Optimizer.requireNonNegative(key, a.get(key));
    }


}
