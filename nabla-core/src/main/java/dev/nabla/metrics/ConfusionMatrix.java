package dev.nabla.metrics;

import java.util.List;
import java.util.Locale;

/**
 * Counts C[a][p] of rows of actual class a predicted as p, and the per-class scores derived from them:
 * precision_k = C[k][k]/Σ_a C[a][k], recall_k = C[k][k]/Σ_p C[k][p], F1_k = 2·P·R/(P + R).
 *
 * <p>Where a score divides by zero (a class never predicted, never present, or with P = R = 0) it is 0, as in
 * scikit-learn with {@code zero_division=0}. Macro averages run over all {@link #classes()} classes, like
 * scikit-learn given {@code labels=range(K)}, so a class absent from both truth and predictions counts as 0.
 */
public final class ConfusionMatrix {
    private final int[][] counts;

    private ConfusionMatrix(int[][] counts) {
        this.counts = counts;
    }

    /** Counts the pairs (truth[i], predicted[i]); every label must lie in [0, classes). */
    public static ConfusionMatrix of(int[] truth, int[] predicted, int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class, got " + classes);
        }
        Metrics.requireSameLength(truth.length, predicted.length);
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            counts[label("actual", i, truth[i], classes)][label("predicted", i, predicted[i], classes)]++;
        }
        return new ConfusionMatrix(counts);
    }

    private static int label(String what, int row, int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("row " + row + ": " + what + " class " + label + " outside [0, " + classes + ")");
        }
        return label;
    }

    /** Number of classes K. */
    public int classes() {
        return counts.length;
    }

    /** Rows of actual class {@code actual} predicted as {@code predicted}. */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** A copy of the counts, [actual][predicted]. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            copy[a] = counts[a].clone();
        }
        return copy;
    }

    /** Total number of rows counted. */
    public int total() {
        int n = 0;
        for (int a = 0; a < classes(); a++) {
            n += support(a);
        }
        return n;
    }

    /** Σ_k C[k][k] / n. */
    public double accuracy() {
        int hits = 0;
        for (int k = 0; k < classes(); k++) {
            hits += counts[k][k];
        }
        return (double) hits / total();
    }

    /** Rows whose actual class is k, Σ_p C[k][p]. */
    public int support(int k) {
        int n = 0;
        for (int c : counts[k]) {
            n += c;
        }
        return n;
    }

    /** Rows predicted as k, Σ_a C[a][k]. */
    public int predictedCount(int k) {
        int n = 0;
        for (int[] row : counts) {
            n += row[k];
        }
        return n;
    }

    /** C[k][k] / Σ_a C[a][k]; 0 when k is never predicted. */
    public double precision(int k) {
        int predicted = predictedCount(k);
        return predicted == 0 ? 0 : (double) counts[k][k] / predicted;
    }

    /** C[k][k] / Σ_p C[k][p]; 0 when k never occurs. */
    public double recall(int k) {
        int support = support(k);
        return support == 0 ? 0 : (double) counts[k][k] / support;
    }

    /** 2·P·R / (P + R); 0 when P + R = 0. */
    public double f1(int k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** (1/K)·Σ_k R_k over the classes present in the truth (scikit-learn's balanced accuracy). */
    public double balancedAccuracy() {
        double sum = 0;
        int present = 0;
        for (int k = 0; k < classes(); k++) {
            if (support(k) > 0) {
                sum += recall(k);
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /** (1/K)·Σ_k F1_k. */
    public double macroF1() {
        double sum = 0;
        for (int k = 0; k < classes(); k++) {
            sum += f1(k);
        }
        return sum / classes();
    }

    /** The counts as an aligned text table: one row per actual class, one column per predicted class. */
    public String table(List<String> classNames) {
        requireNames(classNames);
        String corner = "actual \\ predicted";
        int first = corner.length();
        int width = 1;
        for (int k = 0; k < classes(); k++) {
            first = Math.max(first, classNames.get(k).length());
            width = Math.max(width, classNames.get(k).length());
            for (int c : counts[k]) {
                width = Math.max(width, Integer.toString(c).length());
            }
        }
        StringBuilder sb = new StringBuilder(pad(corner, first, false));
        for (String name : classNames) {
            sb.append("  ").append(pad(name, width, true));
        }
        sb.append('\n');
        for (int a = 0; a < classes(); a++) {
            sb.append(pad(classNames.get(a), first, false));
            for (int c : counts[a]) {
                sb.append("  ").append(pad(Integer.toString(c), width, true));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Precision, recall, F1 and support per class, then accuracy, the macro average and the support-weighted
     * average, laid out like scikit-learn's {@code classification_report}.
     */
    public String report(List<String> classNames) {
        requireNames(classNames);
        int first = "weighted avg".length();
        for (String name : classNames) {
            first = Math.max(first, name.length());
        }
        StringBuilder sb = new StringBuilder(pad("", first, false));
        for (String h : List.of("precision", "recall", "f1-score", "support")) {
            sb.append(pad(h, 11, true));
        }
        sb.append("\n\n");
        double[] macro = new double[3];
        double[] weighted = new double[3];
        int n = total();
        for (int k = 0; k < classes(); k++) {
            double[] scores = {precision(k), recall(k), f1(k)};
            row(sb, classNames.get(k), first, scores, support(k));
            for (int s = 0; s < 3; s++) {
                macro[s] += scores[s] / classes();
                weighted[s] += n == 0 ? 0 : scores[s] * support(k) / n;
            }
        }
        sb.append('\n').append(pad("accuracy", first, true)).append(pad("", 22, true))
                .append(pad(format(accuracy()), 11, true)).append(pad(Integer.toString(n), 11, true)).append('\n');
        row(sb, "macro avg", first, macro, n);
        row(sb, "weighted avg", first, weighted, n);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, int first, double[] scores, int support) {
        sb.append(pad(name, first, true));
        for (double s : scores) {
            sb.append(pad(format(s), 11, true));
        }
        sb.append(pad(Integer.toString(support), 11, true)).append('\n');
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    private void requireNames(List<String> classNames) {
        if (classNames.size() != classes()) {
            throw new IllegalArgumentException(classes() + " classes but " + classNames.size() + " class names");
        }
    }
}
