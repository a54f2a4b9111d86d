package dev.nabla.spark.bench;

import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizers;
import dev.nabla.spark.DataParallel;
import dev.nabla.tensor.Threads;
import dev.nabla.train.Trainer;
import org.apache.spark.sql.SparkSession;

/** W1's weights after n steps in one process and on local[2], for growing n. */
public final class Growth {
    public static void main(String[] args) {
        Dataset train = W1OnSpark.over255(Datasets.idxDirectory(Datasets.DEBIAN_FASHION_MNIST, "fashion-mnist", null).data());
        SparkSession spark = Compare.localTwo("growth");
        for (int[] run : new int[][] {{6400, 2}, {6496, 1}, {30000, 1}, {60000, 1}}) {
            int steps = run[0];
            Dataset part = train.subset(java.util.stream.IntStream.range(0, run[0]).toArray());
            Trainer trainer = Trainer.builder().epochs(run[1]).batchSize(128).seed(1).build();
            Module a = W1OnSpark.network();
            Module b = W1OnSpark.network();
            Threads.set(2);
            trainer.fit(a, Optimizers.config("sgd", 0.1, null).create(a.parameters()), part, null);
            new DataParallel(spark.sparkContext(), 2, 1).fit(trainer, b, Optimizers.config("sgd", 0.1, null), part, null, null);
            System.out.println(steps + " rows, " + run[1] + " epochs: relative difference " + Compare.relativeDifference(a, b));
        }
        spark.stop();
    }
}
