package dev.nabla.autograd;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Checks backpropagated gradients against central differences in float64:
 * ∂L/∂w ≈ (L(w + h) − L(w − h)) / 2h, element by element. An element passes when |a − n| ≤ atol + rtol·max(|a|, |n|)
 * for the analytic a and numeric n (numpy's {@code allclose}, symmetric): the relative tolerance judges large
 * gradients, the absolute one tiny gradients, whose central differences are mostly round-off. An element whose step
 * crosses a kink (a ReLU unit switching on or off between w − h and w + h) has no central derivative; it passes when
 * a matches a one-sided second-order difference, (∓3L(w) ± 4L(w ± h) ∓ L(w ± 2h)) / 2h, on either side, and is
 * counted. Large networks are checked on a seeded sample of their elements ({@link Settings#maxElements}).
 */
public final class GradCheck {
    /** Default step h: balances truncation error O(h²) against round-off O(ε/h) in float64. */
    public static final double DEFAULT_STEP = 1e-6;
    /** Default floor of the relative error's denominator, so exact zeros do not divide by zero. */
    public static final double DEFAULT_FLOOR = 1e-6;
    /** Default relative tolerance. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-4;
    /** Default absolute tolerance: about fifty times the round-off of a central difference of a loss of order 1. */
    public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-8;
    /** Elements each sampled parameter keeps at least (all of a smaller one), so no bias goes unchecked. */
    private static final int MIN_PER_PARAMETER = 16;

    private GradCheck() {
    }

    /** Told after each element; {@code done} of {@code total} elements are checked. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    /**
     * How to check.
     *
     * @param step              h
     * @param relativeTolerance rtol
     * @param absoluteTolerance atol
     * @param maxElements       elements checked at most; beyond, a seeded sample (each parameter keeps at least 16)
     * @param seed              seed of the sample
     * @param progress          told after each element
     */
    public record Settings(double step, double relativeTolerance, double absoluteTolerance, long maxElements, long seed,
                           Progress progress) {
        public Settings {
            if (!(step > 0) || !(relativeTolerance >= 0) || !(absoluteTolerance >= 0) || maxElements < 1) {
                throw new IllegalArgumentException("gradient check needs a positive step and element count and tolerances"
                        + " of zero or more, got " + step + ", " + relativeTolerance + ", " + absoluteTolerance + ", "
                        + maxElements);
            }
        }

        /** Step 1e-6, rtol 1e-4, atol 1e-8, every element, no progress. */
        public static Settings defaults() {
            return new Settings(DEFAULT_STEP, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE, Long.MAX_VALUE, 1,
                    (done, total) -> { });
        }

        public Settings withTolerances(double relative, double absolute) {
            return new Settings(step, relative, absolute, maxElements, seed, progress);
        }

        public Settings withSample(long max, long sampleSeed) {
            return new Settings(step, relativeTolerance, absoluteTolerance, max, sampleSeed, progress);
        }

        public Settings withProgress(Progress p) {
            return new Settings(step, relativeTolerance, absoluteTolerance, maxElements, seed, p);
        }
    }

    /** Checks every element of every named parameter with the default settings. */
    public static Report check(Map<String, Variable> parameters, Supplier<Variable> loss) {
        return check(parameters, loss, Settings.defaults());
    }

    /** Checks every element with step {@code step}; relative errors are reported with denominators of at least {@code floor}. */
    public static Report check(Map<String, Variable> parameters, Supplier<Variable> loss, double step, double floor) {
        return check(parameters, loss, new Settings(step, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE,
                Long.MAX_VALUE, 1, (done, total) -> { }), floor);
    }

    /**
     * Runs {@code loss} once with gradients to get the analytic ones, then twice per checked element with the element
     * moved by ±step (four more times at a kink). Parameters must be F64 and leaves; their gradients are zeroed first
     * and hold the analytic gradient afterwards.
     */
    public static Report check(Map<String, Variable> parameters, Supplier<Variable> loss, Settings settings) {
        return check(parameters, loss, settings, DEFAULT_FLOOR);
    }

    private static Report check(Map<String, Variable> parameters, Supplier<Variable> loss, Settings s, double floor) {
        for (Map.Entry<String, Variable> e : parameters.entrySet()) {
            if (!e.getValue().requiresGrad() || !"parameter".equals(e.getValue().op())) {
                throw new IllegalArgumentException("GradCheck perturbs parameters; '" + e.getKey()
                        + "' is not a parameter but the result of " + e.getValue().op());
            }
            if (e.getValue().data().dtype() != DType.F64) {
                throw new IllegalArgumentException("GradCheck needs F64 parameters; '" + e.getKey() + "' is "
                        + e.getValue().data().dtype() + " " + e.getValue().data().shapeString());
            }
            e.getValue().zeroGrad();
        }
        loss.get().backward();
        Map<String, int[]> chosen = sample(parameters, s.maxElements(), s.seed());
        long total = 0;
        long toCheck = 0;
        for (Map.Entry<String, Variable> e : parameters.entrySet()) {
            total += e.getValue().data().size();
            toCheck += chosen.get(e.getKey()).length;
        }
        Map<String, Double> worstRelative = new LinkedHashMap<>();
        Map<String, Double> worstAbsolute = new LinkedHashMap<>();
        long done = 0;
        long kinks = 0;
        long failures = 0;
        try (Grad.Scope ignored = Grad.noGrad()) {
            for (Map.Entry<String, Variable> e : parameters.entrySet()) {
                Tensor w = e.getValue().data();
                Tensor analytic = e.getValue().grad();
                double rel = 0;
                double abs = 0;
                for (int i : chosen.get(e.getKey())) {
                    double a = analytic == null ? 0 : analytic.get(i);
                    double original = w.get(i);
                    double plus = at(w, i, original + s.step(), loss);
                    double minus = at(w, i, original - s.step(), loss);
                    double numeric = (plus - minus) / (2 * s.step());
                    if (!within(a, numeric, s)) {
                        double centre = at(w, i, original, loss);
                        double forward = (-3 * centre + 4 * plus - at(w, i, original + 2 * s.step(), loss)) / (2 * s.step());
                        double backward = (3 * centre - 4 * minus + at(w, i, original - 2 * s.step(), loss)) / (2 * s.step());
                        if (within(a, forward, s) || within(a, backward, s)) {
                            kinks++;
                            numeric = Math.abs(a - forward) <= Math.abs(a - backward) ? forward : backward;
                        } else {
                            failures++;
                        }
                    }
                    w.set(i, original);
                    double diff = Math.abs(a - numeric);
                    abs = Math.max(abs, diff);
                    rel = Math.max(rel, diff / Math.max(floor, Math.max(Math.abs(a), Math.abs(numeric))));
                    s.progress().update(++done, toCheck);
                }
                worstRelative.put(e.getKey(), rel);
                worstAbsolute.put(e.getKey(), abs);
            }
        }
        return new Report(Collections.unmodifiableMap(worstRelative), Collections.unmodifiableMap(worstAbsolute),
                toCheck, total, kinks, failures, s.relativeTolerance(), s.absoluteTolerance());
    }

    /** The loss with element {@code i} of {@code w} set to {@code value}. */
    private static double at(Tensor w, int i, double value, Supplier<Variable> loss) {
        w.set(i, value);
        return loss.get().data().item();
    }

    private static boolean within(double a, double n, Settings s) {
        return Math.abs(a - n) <= s.absoluteTolerance() + s.relativeTolerance() * Math.max(Math.abs(a), Math.abs(n));
    }

    /** The indices to check of each parameter: all of them, or a seeded sample of about {@code max} in proportion. */
    private static Map<String, int[]> sample(Map<String, Variable> parameters, long max, long seed) {
        long total = 0;
        for (Variable p : parameters.values()) {
            total += p.data().size();
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : parameters.entrySet()) {
            int n = e.getValue().data().size();
            if (total <= max) {
                int[] all = new int[n];
                Arrays.setAll(all, i -> i);
                out.put(e.getKey(), all);
                continue;
            }
            out.put(e.getKey(), distinct(rng, n, share(n, max, total)));
        }
        return out;
    }

    /** How many elements a check of at most {@code max} looks at: all, or each parameter's share of a sample. */
    public static long elementsChecked(Map<String, Variable> parameters, long max) {
        long total = 0;
        for (Variable p : parameters.values()) {
            total += p.data().size();
        }
        if (total <= max) {
            return total;
        }
        long n = 0;
        for (Variable p : parameters.values()) {
            n += share(p.data().size(), max, total);
        }
        return n;
    }

    /** A parameter of {@code n} elements in a sample of about {@code max} of {@code total}: its share, at least 16. */
    private static int share(int n, long max, long total) {
        return (int) Math.min(n, Math.max(MIN_PER_PARAMETER, Math.round((double) max * n / total)));
    }

    /** {@code k} distinct indices below {@code n}, sorted (Floyd's algorithm: no array of n). */
    private static int[] distinct(SplittableRandom rng, int n, int k) {
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        for (int j = n - k; j < n; j++) {
            int t = rng.nextInt(j + 1);
            picked.add(picked.contains(t) ? j : t);
        }
        return picked.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * Worst relative and absolute errors per parameter name, in the order the parameters were given, and the verdict.
     *
     * @param checked  elements checked (all of them unless sampled)
     * @param total    elements of all parameters
     * @param kinks    elements whose step crossed a kink, checked one-sided
     * @param failures elements outside the tolerances
     */
    public record Report(Map<String, Double> worstRelativeError, Map<String, Double> worstAbsoluteError, long checked,
                         long total, long kinks, long failures, double relativeTolerance, double absoluteTolerance) {
        /** The worst relative error over all parameters. */
        public double worst() {
            return worstRelativeError.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        /** The name of the parameter with the worst relative error. */
        public String worstParameter() {
            return worstRelativeError.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse("");
        }

        /** Whether every checked element is within the tolerances. */
        public boolean passed() {
            return failures == 0;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format("%-24s %14s %14s%n", "parameter", "worst rel err", "worst abs err"));
            worstRelativeError.forEach((name, rel) -> sb.append(String.format("%-24s %14.3e %14.3e%n",
                    name, rel, worstAbsoluteError.get(name))));
            return sb.toString();
        }
    }
}
