package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/**
 * Scores of predictions against the truth: accuracy and log loss for classes, MSE, MAE and R² for values.
 * Arguments are only read. Arrays of different lengths, or no rows at all, are an {@link IllegalArgumentException}.
 */
public final class Metrics {
    /** Probabilities are clipped to [ε, 1 − ε] before the log, as scikit-learn does, so one confident miss stays finite. */
    static final double LOG_LOSS_EPS = 1e-15;

    private Metrics() {
    }

    /** Fraction of rows whose predicted class is the true one, (1/n)·Σ 1(ŷ_i = y_i). */
    public static double accuracy(int[] truth, int[] predicted) {
        requireSameLength(truth.length, predicted.length);
        int hits = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                hits++;
            }
        }
        return (double) hits / truth.length;
    }

    /**
     * Cross-entropy of class probabilities P [n, K] against labels y: −(1/n)·Σ log clip(P[i, y_i], ε, 1 − ε), ε = 1e-15.
     * Rows are not renormalised.
     */
    public static double logLoss(Tensor probabilities, int[] truth) {
        if (probabilities.rank() != 2) {
            throw new IllegalArgumentException("log loss needs probabilities of shape [rows, classes], got "
                    + probabilities.shapeString());
        }
        requireSameLength(truth.length, probabilities.rows());
        int classes = probabilities.cols();
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= classes) {
                throw new IllegalArgumentException("row " + i + ": label " + truth[i] + " outside the " + classes
                        + " columns of the probabilities");
            }
            double p = Math.clamp(probabilities.get(i, truth[i]), LOG_LOSS_EPS, 1 - LOG_LOSS_EPS);
            sum -= Math.log(p);
        }
        return sum / truth.length;
    }

    /** Mean squared error (1/n)·Σ (ŷ_i − y_i)². */
    public static double mse(float[] truth, float[] predicted) {
        requireSameLength(truth.length, predicted.length);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = (double) predicted[i] - truth[i];
            sum += e * e;
        }
        return sum / truth.length;
    }

    /** Mean absolute error (1/n)·Σ |ŷ_i − y_i|. */
    public static double mae(float[] truth, float[] predicted) {
        requireSameLength(truth.length, predicted.length);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs((double) predicted[i] - truth[i]);
        }
        return sum / truth.length;
    }

    /**
     * Coefficient of determination R² = 1 − SS_res/SS_tot, SS_res = Σ (y_i − ŷ_i)², SS_tot = Σ (y_i − ȳ)². For a
     * constant truth (SS_tot = 0) the ratio is undefined; as scikit-learn does, it is then 1 for perfect predictions
     * and 0 otherwise.
     */
    public static double r2(float[] truth, float[] predicted) {
        requireSameLength(truth.length, predicted.length);
        double mean = 0;
        for (float y : truth) {
            mean += y;
        }
        mean /= truth.length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = (double) truth[i] - predicted[i];
            double d = truth[i] - mean;
            residual += e * e;
            total += d * d;
        }
        if (total == 0) {
            return residual == 0 ? 1 : 0;
        }
        return 1 - residual / total;
    }

    static void requireSameLength(int truth, int predicted) {
        if (truth != predicted) {
            throw new IllegalArgumentException("truth has " + truth + " rows but predictions have " + predicted);
        }
        if (truth == 0) {
            throw new IllegalArgumentException("no rows to score");
        }
    }
}
