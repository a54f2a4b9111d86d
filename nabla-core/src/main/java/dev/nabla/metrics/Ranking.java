package dev.nabla.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Scores of a binary classifier's ranking of rows by the predicted probability of the positive class (label 1):
 * ROC AUC, average precision, and the ROC and precision–recall curves they summarise. Ties among scores are one
 * threshold, as scikit-learn treats them.
 */
public final class Ranking {
    private Ranking() {
    }

    /**
     * The points of a ranking's curves, one per distinct score from the highest down: true and false positives with
     * that score or above.
     *
     * @param thresholds   the distinct scores, decreasing
     * @param truePositive positives scored at or above each threshold
     * @param falsePositive negatives scored at or above each threshold
     * @param positives    all positives
     * @param negatives    all negatives
     */
    public record Curve(double[] thresholds, long[] truePositive, long[] falsePositive, long positives, long negatives) {

        /** ROC x: false-positive rate at each threshold. */
        public double[] falsePositiveRate() {
            double[] out = new double[thresholds.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = negatives == 0 ? 0 : (double) falsePositive[k] / negatives;
            }
            return out;
        }

        /** ROC y and precision–recall x: recall (true-positive rate) at each threshold. */
        public double[] recall() {
            double[] out = new double[thresholds.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = positives == 0 ? 0 : (double) truePositive[k] / positives;
            }
            return out;
        }

        /** Precision at each threshold, TP / (TP + FP). */
        public double[] precision() {
            double[] out = new double[thresholds.length];
            for (int k = 0; k < out.length; k++) {
                long predicted = truePositive[k] + falsePositive[k];
                out[k] = predicted == 0 ? 1 : (double) truePositive[k] / predicted;
            }
            return out;
        }
    }

    /** The curve of {@code scores} against {@code truth} (labels 0 and 1). */
    public static Curve curve(int[] truth, double[] scores) {
        Metrics.requireSameLength(truth.length, scores.length);
        Integer[] order = new Integer[truth.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (truth[i] != 0 && truth[i] != 1) {
                throw new IllegalArgumentException("row " + i + ": label " + truth[i] + " is not 0 or 1");
            }
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double[] thresholds = new double[truth.length];
        long[] tp = new long[truth.length];
        long[] fp = new long[truth.length];
        int points = 0;
        long t = 0;
        long f = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (truth[i] == 1) {
                t++;
            } else {
                f++;
            }
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[i];
            if (lastOfTie) {
                thresholds[points] = scores[i];
                tp[points] = t;
                fp[points] = f;
                points++;
            }
        }
        return new Curve(Arrays.copyOf(thresholds, points), Arrays.copyOf(tp, points), Arrays.copyOf(fp, points), t, f);
    }

    /**
     * Area under the ROC curve by the trapezoidal rule over the curve's points from (0, 0): the probability that a
     * random positive is scored above a random negative, ties counting half. NaN when one class is absent.
     */
    public static double rocAuc(int[] truth, double[] scores) {
        Curve c = curve(truth, scores);
        if (c.positives() == 0 || c.negatives() == 0) {
            return Double.NaN;
        }
        double[] x = c.falsePositiveRate();
        double[] y = c.recall();
        double area = 0;
        double px = 0;
        double py = 0;
        for (int k = 0; k < x.length; k++) {
            area += (x[k] - px) * (y[k] + py) / 2;
            px = x[k];
            py = y[k];
        }
        return area;
    }

    /**
     * Average precision AP = Σ_k (R_k − R_{k−1})·P_k over the thresholds from the highest down (scikit-learn's
     * definition, no interpolation). NaN when there is no positive.
     */
    public static double averagePrecision(int[] truth, double[] scores) {
        Curve c = curve(truth, scores);
        if (c.positives() == 0) {
            return Double.NaN;
        }
        double[] r = c.recall();
        double[] p = c.precision();
        double ap = 0;
        double previous = 0;
        for (int k = 0; k < r.length; k++) {
            ap += (r[k] - previous) * p[k];
            previous = r[k];
        }
        return ap;
    }

    /**
     * A threshold t for the rule "positive when the score is above t" with the highest macro F1 (the mean of both
     * classes' F1, so that neither class's name decides which one the threshold favours) on these rows: halfway
     * between the best cut's lowest positive score and the next lower score (the higher cut on ties).
     */
    public static double bestF1Threshold(int[] truth, double[] scores) {
        Curve c = curve(truth, scores);
        double best = -1;
        int at = 0;
        for (int k = 0; k < c.thresholds().length; k++) {
            long tp = c.truePositive()[k];
            long fp = c.falsePositive()[k];
            long fn = c.positives() - tp;
            long tn = c.negatives() - fp;
            double f1Positive = 2.0 * tp / Math.max(1, 2 * tp + fp + fn);
            double f1Negative = 2.0 * tn / Math.max(1, 2 * tn + fn + fp);
            double macro = (f1Positive + f1Negative) / 2;
            if (macro > best) {
                best = macro;
                at = k;
            }
        }
        double[] t = c.thresholds();
        return at + 1 < t.length ? (t[at] + t[at + 1]) / 2 : t[at] / 2;
    }
}
