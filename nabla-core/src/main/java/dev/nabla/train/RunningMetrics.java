package dev.nabla.train;

import dev.nabla.data.Batch;
import dev.nabla.data.Task;
import dev.nabla.metrics.Metric;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Row-weighted running loss and, for classes, accuracy over the batches of one pass. */
final class RunningMetrics {
    private final boolean classes;
    private double lossSum;
    private long correct;
    private long rows;

    RunningMetrics(Task task) {
        this.classes = task != Task.REGRESSION;
    }

    /** Continues a partial pass whose sums were {@code lossSum}, {@code correct} and {@code rows}. */
    RunningMetrics(Task task, double lossSum, long correct, long rows) {
        this(task);
        this.lossSum = lossSum;
        this.correct = correct;
        this.rows = rows;
    }

    double lossSum() {
        return lossSum;
    }

    long correct() {
        return correct;
    }

    long rows() {
        return rows;
    }

    /** Adds one batch; returns how many of its rows were classified right (−1 for a regression). */
    int add(double loss, Tensor outputs, Batch batch) {
        int n = batch.size();
        lossSum += loss * n;
        rows += n;
        if (!classes) {
            return -1;
        }
        Tensor t = batch.targets();
        int right = 0;
        for (int i = 0; i < n; i++) {
            int label = (int) t.get(t.rank() == 1 ? i : i * t.cols());
            if (predictedClass(outputs, i) == label) {
                right++;
            }
        }
        correct += right;
        return right;
    }

    /** The arg-max output, or for one output whether its logit is positive. */
    private static int predictedClass(Tensor z, int row) {
        int k = z.cols();
        if (k == 1) {
            return z.get(row) > 0 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (z.get(row * k + j) > z.get(row * k + best)) {
                best = j;
            }
        }
        return best;
    }

    Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metric.LOSS.id(), rows == 0 ? Double.NaN : lossSum / rows);
        if (classes) {
            m.put(Metric.ACCURACY.id(), rows == 0 ? Double.NaN : (double) correct / rows);
        }
        return m;
    }
}
