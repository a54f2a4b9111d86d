package dev.nabla.bench.workload;

/**
 * One measured figure of a workload, e.g. ("W1", "epoch", 0.61, "s"). The peers in {@code bench/peers/} print
 * the same (workload, metric, value, unit) rows, so a figure and its peer's can be joined by name.
 */
public record Figure(String workload, String metric, double value, String unit, String note) {
    public Figure(String workload, String metric, double value, String unit) {
        this(workload, metric, value, unit, "");
    }

    /** The tab-separated row {@code workload metric value unit}, the format the compare script reads. */
    String tsv() {
        return workload + "\t" + metric + "\t" + format(value) + "\t" + unit;
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        return a >= 100 ? String.format("%.1f", v) : a >= 1 ? String.format("%.3f", v) : String.format("%.4g", v);
    }
}
