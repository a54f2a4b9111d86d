package dev.nabla.spark;

import dev.nabla.data.Scaling;
import dev.nabla.data.Task;
import dev.nabla.tensor.Tensor;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;

/**
 * Column statistics of encoded row blocks ({@link Rows}) in two distributed passes — per column of the features and
 * then the target: rows, Σx, min and max, then Σ(x − mean)² — summed per partition and then in partition order on the
 * driver, and the blocks scaled with the scaling made from them.
 */
final class Blocks {
    private Blocks() {
    }

    /**
     * Per column j of the features and then the target (column d).
     *
     * @param rows      the rows counted
     * @param mean      the means
     * @param deviation the population standard deviations
     * @param min       the least values
     * @param max       the greatest values
     */
    record Moments(long rows, double[] mean, double[] deviation, double[] min, double[] max) {
        /**
         * The features' scaling of {@code kind} from these statistics ({@code Scaling.of} holds the formula); columns
         * not {@code scaled} (0/1 indicators, codes) pass as they are.
         */
        Scaling features(Scaling.Kind kind, boolean[] scaled) {
            int d = scaled.length;
            double[] centre = new double[d];
            double[] spread = new double[d];
            for (int j = 0; j < d; j++) {
                centre[j] = !scaled[j] ? 0 : kind == Scaling.Kind.MINMAX ? min[j] : mean[j];
                spread[j] = !scaled[j] ? 1 : kind == Scaling.Kind.MINMAX ? max[j] - min[j] : deviation[j];
            }
            return Scaling.of(kind, centre, spread);
        }

        /** The target's scaling: standardised numbers, classes as they are. */
        Scaling target(Task task) {
            int d = mean.length - 1;
            return task == Task.REGRESSION ? Scaling.of(Scaling.Kind.STANDARD, new double[] {mean[d]},
                    new double[] {deviation[d]}) : new Scaling(Scaling.Kind.NONE, new float[1], new float[] {1});
        }
    }

    static Moments moments(JavaRDD<byte[]> blocks, int d) {
        int w = d + 1;
        double n = 0;
        double[] sum = new double[w];
        double[] min = new double[w];
        double[] max = new double[w];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] part : blocks.mapPartitions(new Pass(d, null)).collect()) {
            n += part[0];
            for (int j = 0; j < w; j++) {
                sum[j] += part[1 + j];
                min[j] = Math.min(min[j], part[1 + w + j]);
                max[j] = Math.max(max[j], part[1 + 2 * w + j]);
            }
        }
        double[] mean = new double[w];
        for (int j = 0; j < w; j++) {
            mean[j] = sum[j] / n;
        }
        double[] squares = new double[w];
        for (double[] part : blocks.mapPartitions(new Pass(d, mean)).collect()) {
            for (int j = 0; j < w; j++) {
                squares[j] += part[j];
            }
        }
        double[] deviation = new double[w];
        for (int j = 0; j < w; j++) {
            deviation[j] = Math.sqrt(squares[j] / n);
        }
        return new Moments((long) n, mean, deviation, min, max);
    }

    /** A partition's rows, Σx, min and max per column — or, given the means, its squared deviations. */
    private static final class Pass implements FlatMapFunction<Iterator<byte[]>, double[]> {
        private static final long serialVersionUID = 1L;
        private final int d;
        private final double[] mean;

        Pass(int d, double[] mean) {
            this.d = d;
            this.mean = mean == null ? null : mean.clone();
        }

        @Override
        public Iterator<double[]> call(Iterator<byte[]> blocks) {
            int w = d + 1;
            double[] out = mean != null ? new double[w] : new double[1 + 3 * w];
            if (mean == null) {
                java.util.Arrays.fill(out, 1 + w, 1 + 2 * w, Double.POSITIVE_INFINITY);
                java.util.Arrays.fill(out, 1 + 2 * w, out.length, Double.NEGATIVE_INFINITY);
            }
            while (blocks.hasNext()) {
                Rows r = Rows.decode(List.of(blocks.next()));
                for (int i = 0; i < r.count(); i++) {
                    for (int j = 0; j < w; j++) {
                        double x = j < d ? r.features().get(i, j) : r.targets().get(i);
                        if (mean != null) {
                            out[j] += (x - mean[j]) * (x - mean[j]);
                            continue;
                        }
                        out[1 + j] += x;
                        out[1 + w + j] = Math.min(out[1 + w + j], x);
                        out[1 + 2 * w + j] = Math.max(out[1 + 2 * w + j], x);
                    }
                    out[0] += mean == null ? 1 : 0;
                }
            }
            return List.of(out).iterator();
        }
    }

    /**
     * A block with its features scaled as (x − shift)/scale and its target as (y − yShift)/yScale, as [rows] labels
     * when {@code labelVector} (several classes), else [rows, 1].
     */
    static final class Scale implements Function<byte[], byte[]> {
        private static final long serialVersionUID = 1L;
        private final float[] shift;
        private final float[] scale;
        private final float yShift;
        private final float yScale;
        private final boolean labelVector;

        Scale(Scaling x, Scaling y, boolean labelVector) {
            this.shift = x.shift().clone();
            this.scale = x.scale().clone();
            this.yShift = y.shift()[0];
            this.yScale = y.scale()[0];
            this.labelVector = labelVector;
        }

        @Override
        public byte[] call(byte[] block) {
            Rows r = Rows.decode(List.of(block));
            int n = r.count();
            int d = shift.length;
            float[] x = r.features().floats().clone();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = (x[i * d + j] - shift[j]) / scale[j];
                }
            }
            float[] y = r.targets().floats().clone();
            for (int i = 0; i < y.length; i++) {
                y[i] = (y[i] - yShift) / yScale;
            }
            Tensor targets = labelVector ? Tensor.wrap(y, n) : Tensor.wrap(y, n, 1);
            return Rows.encode(Tensor.wrap(x, n, d), targets, 0, n);
        }
    }
}
