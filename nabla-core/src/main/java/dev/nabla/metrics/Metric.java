package dev.nabla.metrics;

import java.util.Locale;

/** The names of the scores Nabla reports, defined once: histories, logs, reports and the command line use these. */
public enum Metric {
    /** The training objective's mean loss. */
    LOSS,
    /** Fraction of rows classified right. */
    ACCURACY,
    /** Unweighted mean of the per-class recalls. */
    BALANCED_ACCURACY,
    /** Unweighted mean of the per-class F1 scores. */
    MACRO_F1,
    /** Area under the ROC curve of a binary classifier. */
    ROC_AUC,
    /** Average precision of a binary classifier (area under the precision–recall curve, without interpolation). */
    AVERAGE_PRECISION,
    /** Cross-entropy of the predicted probabilities. */
    LOG_LOSS,
    /** Mean squared error. */
    MSE,
    /** Mean absolute error. */
    MAE,
    /** Coefficient of determination R². */
    R2;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** Lower-case name, e.g. {@code macro_f1}. */
    public String id() {
        return id;
    }
}
