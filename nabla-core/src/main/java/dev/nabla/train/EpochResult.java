package dev.nabla.train;

import java.time.Duration;
import java.util.Map;

/**
 * What one epoch measured, keyed like Keras's history: {@code loss}, {@code accuracy} (classification) or
 * {@code mae} (regression), and the same with a {@code val_} prefix when there is a validation set.
 *
 * @param epoch   1-based epoch number
 * @param metrics metric name → value, in a stable order
 * @param time    wall time of the epoch, validation included
 */
public record EpochResult(int epoch, Map<String, Double> metrics, Duration time) {
    public EpochResult {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** The metric {@code name}, or NaN when this epoch did not measure it. */
    public double get(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }
}
