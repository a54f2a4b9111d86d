package dev.nabla.train;

import dev.nabla.data.DataException;
import dev.nabla.data.Dataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much each class's rows count in the loss, for imbalanced classes: {@link #NONE}, {@link #BALANCED}
 * (w_c = N / (K·N_c), scikit-learn's definition, from the training rows) or given by class name.
 *
 * @param balanced whether the weights are computed from the training rows
 * @param given    class name → weight (classes not named weigh 1); empty for none and balanced
 */
public record ClassWeights(boolean balanced, Map<String, Double> given) {
    public static final ClassWeights NONE = new ClassWeights(false, Map.of());
    public static final ClassWeights BALANCED = new ClassWeights(true, Map.of());

    public ClassWeights {
        given = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(given));
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException("class '" + e.getKey() + "': weight " + e.getValue()
                        + " must be zero or positive");
            }
        }
    }

    /** {@code none}, {@code balanced}, or {@code NAME=W,…}. */
    public static ClassWeights parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("none")) {
            return NONE;
        }
        if (t.equalsIgnoreCase("balanced")) {
            return BALANCED;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String part : t.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected balanced, none or NAME=WEIGHT,…, got '" + part.strip() + "'");
            }
            String name = part.substring(0, eq).strip();
            try {
                weights.put(name, Double.parseDouble(part.substring(eq + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("class '" + name + "': '" + part.substring(eq + 1).strip()
                        + "' is not a number");
            }
        }
        return new ClassWeights(false, weights);
    }

    /** One weight per class of {@code train} (index = label). */
    double[] of(Dataset train) {
        List<String> classes = train.classNames();
        double[] w = new double[classes.size()];
        if (balanced) {
            int[] counts = new int[w.length];
            for (int label : train.labels()) {
                counts[label]++;
            }
            for (int k = 0; k < w.length; k++) {
                w[k] = counts[k] == 0 ? 0 : (double) train.rows() / (w.length * counts[k]);
            }
            return w;
        }
        for (String name : given.keySet()) {
            if (!classes.contains(name)) {
                throw new DataException(train.name() + ": --class-weight names class '" + name + "', which target '"
                        + train.targetName() + "' does not have (" + String.join(", ", classes) + ")");
            }
        }
        for (int k = 0; k < w.length; k++) {
            w[k] = given.getOrDefault(classes.get(k), 1.0);
        }
        return w;
    }

    /**
     * {@code objective} weighted for the classes of {@code train}: class weights for softmax cross-entropy, the ratio
     * w₁/w₀ as binary cross-entropy's {@code pos_weight} (the same gradients up to the scale w₀).
     */
    Objective apply(Objective objective, Dataset train) {
        if (this.equals(NONE)) {
            return objective;
        }
        double[] w = of(train);
        return switch (objective.kind()) {
            case SOFTMAX_CROSS_ENTROPY -> objective.withClassWeights(w);
            case BINARY_CROSS_ENTROPY -> {
                if (w[0] == 0) {
                    throw new DataException(train.name() + ": class '" + train.classNames().get(0)
                            + "' weighs 0; binary cross-entropy weighs the positive class against it");
                }
                yield objective.withPosWeight(w[1] / w[0]);
            }
            default -> throw new DataException(train.name() + ": class weights need a cross-entropy loss, not "
                    + objective.id());
        };
    }

    @Override
    public String toString() {
        return balanced ? "balanced" : given.isEmpty() ? "none" : given.toString().toLowerCase(Locale.ROOT);
    }
}
