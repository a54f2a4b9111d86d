package dev.nabla.train;

import dev.nabla.data.Batch;
import dev.nabla.data.Task;
import dev.nabla.metrics.Metric;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Row-weighted running loss and, for classes, accuracy over the batches of one pass. */
public final class RunningMetrics {
    private final boolean classes;
    private double lossSum;
    private long correct;
    private long rows;

    public RunningMetrics(Task task) {
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
    public int add(double loss, Tensor outputs, Batch batch) {
        int right = classes ? correct(outputs, batch) : -1;
        add(loss, batch.size(), right);
        return right;
    }

    /** Adds a batch of {@code n} rows with mean loss {@code loss}, {@code right} of them classified right. */
    public void add(double loss, long n, long right) {
        lossSum += loss * n;
        rows += n;
        correct += Math.max(0, right);
    }

    /** How many rows of {@code batch} the outputs classify right. */
    public static int correct(Tensor outputs, Batch batch) {
        int n = batch.size();
        Tensor t = batch.targets();
        int right = 0;
        for (int i = 0; i < n; i++) {
            int label = (int) t.get(t.rank() == 1 ? i : i * t.cols());
            if (predictedClass(outputs, i) == label) {
                right++;
            }
        }
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

    /** Mean loss and, for classes, accuracy over the rows added. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metric.LOSS.id(), rows == 0 ? Double.NaN : lossSum / rows);
        if (classes) {
            m.put(Metric.ACCURACY.id(), rows == 0 ? Double.NaN : (double) correct / rows);
        }
        return m;
    }
}
