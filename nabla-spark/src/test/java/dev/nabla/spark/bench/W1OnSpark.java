package dev.nabla.spark.bench;

import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.spark.DataParallel;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Threads;
import dev.nabla.train.EpochResult;
import dev.nabla.train.History;
import dev.nabla.train.Trainer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;

/**
 * W1 on Spark against W1 in one process, in the same run: Fashion-MNIST 784-256-128-10 ReLU, SGD η = 0.1, batches
 * of 128, the trainer's loop. One process with two kernel threads, then {@code local[2]} with one kernel thread per
 * task. Prints the median epoch time of epochs 2…E of each, their ratio, the wall time of the whole Spark run
 * (stage start-up and data shipping included), the weights' relative difference and the test accuracy.
 * Usage: {@code scripts/spark-bench w1 [EPOCHS]}.
 */
public final class W1OnSpark {
    private W1OnSpark() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        DataSource source = Datasets.idxDirectory(Datasets.DEBIAN_FASHION_MNIST, "fashion-mnist", null);
        Dataset train = over255(source.data());
        Dataset test = over255(source.presetTest());
        OptimizerConfig sgd = Optimizers.config("sgd", 0.1, null);
        Trainer trainer = Trainer.builder().epochs(epochs).batchSize(128).seed(1).build();

        Threads.set(2);
        Module single = network();
        History one = trainer.fit(single, sgd.create(single.parameters()), train, null);

        SparkSession spark = Compare.localTwo("nabla-w1");
        Module distributed = network();
        long t0 = System.nanoTime();
        History two = new DataParallel(spark.sparkContext(), 2, 1).fit(trainer, distributed, sgd, train, null, null);
        double wall = (System.nanoTime() - t0) / 1e9;
        spark.stop();
        Threads.set(2);

        double a = median(one);
        double b = median(two);
        System.out.printf(Locale.ROOT, "single process, 2 threads: epoch %.3f s (median of epochs 2-%d), test accuracy %.4f%n",
                a, epochs, accuracy(single, test));
        System.out.printf(Locale.ROOT, "local[2], 1 thread/task:   epoch %.3f s (median of epochs 2-%d), test accuracy %.4f, whole run %.1f s%n",
                b, epochs, accuracy(distributed, test), wall);
        System.out.println("epoch times, single: " + times(one) + "; spark: " + times(two));
        System.out.printf(Locale.ROOT, "ratio spark/single: %.2f; weights' relative difference %.2e%n", b / a,
                Compare.relativeDifference(single, distributed));
    }

    static Module network() {
        return ModelSpec.mlp(784, "256:relu,128:relu", 10).build(new SplittableRandom(1));
    }

    static String times(History h) {
        return String.join(" ", h.epochs().stream().map(e -> String.format(Locale.ROOT, "%.2f", e.time().toNanos() / 1e9))
                .toList());
    }

    static double median(History h) {
        double[] t = h.epochs().stream().skip(1).mapToDouble(e -> e.time().toNanos() / 1e9).sorted().toArray();
        return t[t.length / 2];
    }

    static double accuracy(Module m, Dataset test) {
        return Trainer.evaluate(m, dev.nabla.train.Objective.SOFTMAX_CROSS_ENTROPY, test).get("accuracy");
    }

    static Dataset over255(Dataset d) {
        Tensor x = d.features().copy();
        float[] v = x.floats();
        for (int i = 0; i < v.length; i++) {
            v[i] /= 255f;
        }
        return d.withFeatures(x);
    }
}
