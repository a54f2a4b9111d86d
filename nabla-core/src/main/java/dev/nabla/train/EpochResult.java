package dev.nabla.train;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch measured on the training rows and, when there are some, on the validation rows, keyed by
 * {@link dev.nabla.metrics.Metric#id()}: {@code loss}, and {@code accuracy} for classes.
 *
 * @param epoch      1-based epoch number
 * @param train      metric → value on the training rows (running over the epoch's batches), in a stable order
 * @param validation metric → value on the validation rows after the epoch; empty without validation
 * @param time         wall time of the epoch, validation included
 * @param learningRate the optimiser's learning rate at the epoch's last update (NaN when not recorded)
 */
public record EpochResult(int epoch, Map<String, Double> train, Map<String, Double> validation, Duration time,
                          double learningRate) {
    /** The prefix that tells validation metrics from training ones in flat views (Keras's {@code val_loss}). */
    public static final String VALIDATION_PREFIX = "val_";
    /** The learning rate's name in flat views (the log's column). */
    public static final String LEARNING_RATE = "learning_rate";

    public EpochResult {
        train = Collections.unmodifiableMap(new LinkedHashMap<>(train));
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation));
    }

    /** An epoch without a recorded learning rate. */
    public EpochResult(int epoch, Map<String, Double> train, Map<String, Double> validation, Duration time) {
        this(epoch, train, validation, time, Double.NaN);
    }

    /** The training metric {@code name}, or NaN when this epoch did not measure it. */
    public double get(String name) {
        return train.getOrDefault(name, Double.NaN);
    }

    /** The validation metric {@code name}, or NaN. */
    public double validation(String name) {
        return validation.getOrDefault(name, Double.NaN);
    }

    /**
     * Training then validation metrics in one map, the latter under {@link #VALIDATION_PREFIX}, as Keras shows them;
     * then the learning rate under {@link #LEARNING_RATE} when it was recorded.
     */
    public Map<String, Double> flat() {
        Map<String, Double> m = new LinkedHashMap<>(train);
        validation.forEach((k, v) -> m.put(VALIDATION_PREFIX + k, v));
        if (!Double.isNaN(learningRate)) {
            m.put(LEARNING_RATE, learningRate);
        }
        return m;
    }
}
