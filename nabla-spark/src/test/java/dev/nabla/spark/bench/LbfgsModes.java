package dev.nabla.spark.bench;

import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.nn.Module;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.spark.DataParallel;
import dev.nabla.tensor.Threads;
import dev.nabla.train.Trainer;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Full-batch L-BFGS on Spark in its two modes against one process, in the same run: Fashion-MNIST (pixels/255)
 * 784-256-128-10 ReLU, {@code lbfgs:max_iter=I} for E epochs (an epoch is one L-BFGS step of up to I iterations on
 * all 60,000 rows). One process with two kernel threads; then {@code local[2]} with one kernel thread per task, in
 * the barrier mode (one stage, a ring all-reduce per evaluation) and in the driver-reduce mode (one Spark job per
 * evaluation). Prints each fit's wall time (Spark's set-up and data shipping included), its epochs' times, the test
 * accuracy and the weights' relative difference from the single process. Usage: {@code scripts/spark-bench
 * lbfgs [EPOCHS [MAX_ITER]]}.
 */
public final class LbfgsModes {
    private LbfgsModes() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        DataSource source = Datasets.idxDirectory(Datasets.DEBIAN_FASHION_MNIST, "fashion-mnist", null);
        Dataset train = W1OnSpark.over255(source.data());
        Dataset test = W1OnSpark.over255(source.presetTest());
        OptimizerConfig lbfgs = Optimizers.config("lbfgs:max_iter=" + iterations, null, null);
        Trainer trainer = Trainer.builder().epochs(epochs).seed(1).build();

        Threads.set(2);
        Module single = W1OnSpark.network();
        long t0 = System.nanoTime();
        trainer.fit(single, lbfgs.create(single.parameters()), train, null);
        double tOne = (System.nanoTime() - t0) / 1e9;

        SparkSession spark = Compare.localTwo("nabla-lbfgs");
        spark.sparkContext().setLogLevel("WARN");
        double[][] fits = new double[2][repeats];
        Module[] last = new Module[2];
        for (int r = 0; r < repeats; r++) {
            for (DataParallel.Mode mode : DataParallel.Mode.values()) {
                Module m = W1OnSpark.network();
                t0 = System.nanoTime();
                new DataParallel(spark.sparkContext(), 2, 1).mode(mode)
                        .fit(trainer, m, lbfgs, train, null, null);
                fits[mode.ordinal()][r] = (System.nanoTime() - t0) / 1e9;
                last[mode.ordinal()] = m;
            }
        }
        spark.stop();
        Threads.set(2);

        System.out.printf(Locale.ROOT, "single process, 2 threads: fit %.1f s, test accuracy %.4f%n", tOne,
                W1OnSpark.accuracy(single, test));
        for (DataParallel.Mode mode : DataParallel.Mode.values()) {
            int i = mode.ordinal();
            System.out.printf(Locale.ROOT, "local[2] %s, 1 thread/task: fits %s s (median %.1f s), test accuracy %.4f, "
                    + "weights' relative difference %.2e%n", mode.id(), seconds(fits[i]), median(fits[i]),
                    W1OnSpark.accuracy(last[i], test), Compare.relativeDifference(single, last[i]));
        }
        System.out.printf(Locale.ROOT, "ratio driver/barrier (median fits): %.2f%n", median(fits[1]) / median(fits[0]));
    }

    private static String seconds(double[] v) {
        return String.join(" ", Arrays.stream(v).mapToObj(t -> String.format(Locale.ROOT, "%.1f", t)).toList());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
