package dev.nabla.spark.bench;

import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.nn.Module;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.spark.DataParallel;
import dev.nabla.tensor.Threads;
import dev.nabla.train.History;
import dev.nabla.train.Trainer;
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
        DataSource source = Datasets.idxDirectory(Datasets.DEBIAN_FASHION_MNIST, "fashion-mnist", null);
        Dataset train = W1OnSpark.over255(source.data());
        Dataset test = W1OnSpark.over255(source.presetTest());
        OptimizerConfig lbfgs = Optimizers.config("lbfgs:max_iter=" + iterations, null, null);
        Trainer trainer = Trainer.builder().epochs(epochs).seed(1).build();

        Threads.set(2);
        Module single = W1OnSpark.network();
        long t0 = System.nanoTime();
        History one = trainer.fit(single, lbfgs.create(single.parameters()), train, null);
        double tOne = (System.nanoTime() - t0) / 1e9;

        SparkSession spark = SparkSession.builder().master("local[2]").appName("nabla-lbfgs")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Module barrier = W1OnSpark.network();
        t0 = System.nanoTime();
        History b = new DataParallel(spark.sparkContext(), 2, 1).fit(trainer, barrier, lbfgs, train, null, null);
        double tBarrier = (System.nanoTime() - t0) / 1e9;
        Module driver = W1OnSpark.network();
        t0 = System.nanoTime();
        History d = new DataParallel(spark.sparkContext(), 2, 1).mode(DataParallel.Mode.DRIVER)
                .fit(trainer, driver, lbfgs, train, null, null);
        double tDriver = (System.nanoTime() - t0) / 1e9;
        spark.stop();
        Threads.set(2);

        System.out.printf(Locale.ROOT, "single process, 2 threads:       fit %.1f s, epochs %s, test accuracy %.4f%n",
                tOne, W1OnSpark.times(one), W1OnSpark.accuracy(single, test));
        System.out.printf(Locale.ROOT, "local[2] barrier, 1 thread/task: fit %.1f s, epochs %s, test accuracy %.4f, "
                + "weights' relative difference %.2e%n", tBarrier, W1OnSpark.times(b), W1OnSpark.accuracy(barrier, test),
                Compare.relativeDifference(single, barrier));
        System.out.printf(Locale.ROOT, "local[2] driver, 1 thread/task:  fit %.1f s, epochs %s, test accuracy %.4f, "
                + "weights' relative difference %.2e%n", tDriver, W1OnSpark.times(d), W1OnSpark.accuracy(driver, test),
                Compare.relativeDifference(single, driver));
        System.out.printf(Locale.ROOT, "ratio driver/barrier (fit): %.2f%n", tDriver / tBarrier);
    }
}
