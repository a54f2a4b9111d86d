package dev.nabla.autograd;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks backpropagated gradients against central differences in float64:
 * ∂L/∂w ≈ (L(w + h) − L(w − h)) / 2h, element by element. The relative error of an element is
 * |a − n| / max(|a|, |n|, floor) for the analytic a and numeric n; the report keeps the worst per parameter.
 */
public final class GradCheck {
    /** Default step h: balances truncation error O(h²) against round-off O(ε/h) in float64. */
    public static final double DEFAULT_STEP = 1e-6;
    /** Default floor of the relative error's denominator, so exact zeros do not divide by zero. */
    public static final double DEFAULT_FLOOR = 1e-6;

    private GradCheck() {
    }

    /** Checks every element of every named parameter with the default step and floor. */
    public static Report check(Map<String, Variable> parameters, Supplier<Variable> loss) {
        return check(parameters, loss, DEFAULT_STEP, DEFAULT_FLOOR);
    }

    /**
     * Runs {@code loss} once with gradients to get the analytic ones, then twice per element with the
     * element moved by ±step. Parameters must be F64 and leaves; their gradients are zeroed first and
     * hold the analytic gradient afterwards.
     */
    public static Report check(Map<String, Variable> parameters, Supplier<Variable> loss, double step, double floor) {
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
        Map<String, Double> worstRelative = new LinkedHashMap<>();
        Map<String, Double> worstAbsolute = new LinkedHashMap<>();
        try (Grad.Scope ignored = Grad.noGrad()) {
            for (Map.Entry<String, Variable> e : parameters.entrySet()) {
                Tensor w = e.getValue().data();
                Tensor analytic = e.getValue().grad();
                double rel = 0;
                double abs = 0;
                for (int i = 0; i < w.size(); i++) {
                    double original = w.get(i);
                    w.set(i, original + step);
                    double plus = loss.get().data().item();
                    w.set(i, original - step);
                    double minus = loss.get().data().item();
                    w.set(i, original);
                    double numeric = (plus - minus) / (2 * step);
                    double a = analytic == null ? 0 : analytic.get(i);
                    double diff = Math.abs(a - numeric);
                    abs = Math.max(abs, diff);
                    rel = Math.max(rel, diff / Math.max(floor, Math.max(Math.abs(a), Math.abs(numeric))));
                }
                worstRelative.put(e.getKey(), rel);
                worstAbsolute.put(e.getKey(), abs);
            }
        }
        return new Report(Collections.unmodifiableMap(worstRelative), Collections.unmodifiableMap(worstAbsolute));
    }

    /** Worst relative and absolute errors per parameter name, in the order the parameters were given. */
    public record Report(Map<String, Double> worstRelativeError, Map<String, Double> worstAbsoluteError) {
        /** The worst relative error over all parameters. */
        public double worst() {
            return worstRelativeError.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        /** The name of the parameter with the worst relative error. */
        public String worstParameter() {
            return worstRelativeError.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse("");
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
