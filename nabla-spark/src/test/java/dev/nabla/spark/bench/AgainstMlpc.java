package dev.nabla.spark.bench;

import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.spark.NablaClassificationModel;
import dev.nabla.spark.NablaClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Time to 85 % test accuracy on Fashion-MNIST (pixels/255), Nabla on Spark against Spark MLlib's
 * MultilayerPerceptronClassifier, same data, same cluster ({@code local[2]}), same run, both through their
 * estimators' {@code fit} on the same cached DataFrame. Nabla: 784-256-128-10 ReLU, SGD η = 0.1, batches of 128, two
 * replicas; fits of 1, 2, 3 … epochs (each from the start, the same seed: the E-epoch fit passes through the
 * (E−1)-epoch fit's weights) until one reaches the target; its fit time is Nabla's time to the target. MLPC with its
 * own best settings: L-BFGS, its sigmoid hidden layers, the same sizes, blockSize chosen by a short sweep (fits of a
 * few iterations at each size, the fastest kept); then a fit of as many iterations as the time cap (CAP × Nabla's
 * time, at most 15 minutes) allows at the sweep's pace — again with more iterations when it fell well short of the
 * cap — and its accuracy. Prints the ratio, or its bound when MLPC
 * did not reach the target. Usage: {@code scripts/spark-bench mlpc [TARGET [CAP [SWEEP_ITERATIONS]]]}.
 */
public final class AgainstMlpc {
    private AgainstMlpc() {
    }

    public static void main(String[] args) {
        double target = args.length > 0 ? Double.parseDouble(args[0]) : 0.85;
        double cap = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int sweepIterations = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SparkSession spark = Compare.localTwo("nabla-vs-mlpc");
        spark.sparkContext().setLogLevel("WARN");
        DataSource source = Datasets.idxDirectory(Datasets.DEBIAN_FASHION_MNIST, "fashion-mnist", null);
        var train = frame(spark, source.data()).repartition(2).cache();
        var test = frame(spark, source.presetTest()).cache();
        train.count();
        test.count();
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");

        double tNabla = Double.NaN;
        double aNabla = 0;
        int epochs = 0;
        while (aNabla < target && epochs < 20) {
            epochs++;
            long t0 = System.nanoTime();
            NablaClassificationModel nabla = new NablaClassifier().setLayers("256:relu,128:relu").setOptimizer("sgd")
                    .setLearningRate(0.1).setBatchSize(128).setEpochs(epochs).setScaling("none").setSeed(1)
                    .setPartitions(2).fit(train);
            tNabla = (System.nanoTime() - t0) / 1e9;
            aNabla = accuracy.evaluate(nabla.transform(test));
            System.out.printf(Locale.ROOT, "nabla, sgd, %d epochs: fit %.1f s, test accuracy %.4f%n", epochs, tNabla,
                    aNabla);
        }

        int best = 0;
        double perIteration = Double.POSITIVE_INFINITY;
        for (int blockSize : new int[] {128, 1024, 4096}) {
            long t0 = System.nanoTime();
            MultilayerPerceptronClassificationModel m = mlpc(blockSize, sweepIterations).fit(train);
            double t = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "mlpc sweep, blockSize %d, %d iterations: fit %.1f s, test accuracy %.4f%n",
                    blockSize, sweepIterations, t, accuracy.evaluate(m.transform(test)));
            if (t / sweepIterations < perIteration) {
                perIteration = t / sweepIterations;
                best = blockSize;
            }
        }
        double budget = Math.min(cap * tNabla, 900);
        int iterations = Math.max(1, (int) (budget / perIteration));
        double tMlpc;
        double aMlpc;
        while (true) {
            long t0 = System.nanoTime();
            MultilayerPerceptronClassificationModel mlpc = mlpc(best, iterations).fit(train);
            tMlpc = (System.nanoTime() - t0) / 1e9;
            aMlpc = accuracy.evaluate(mlpc.transform(test));
            System.out.printf(Locale.ROOT, "mlpc, l-bfgs, blockSize %d, %d iterations (%d run): fit %.1f s, test "
                    + "accuracy %.4f%n", best, iterations, mlpc.summary().totalIterations(), tMlpc, aMlpc);
            // The sweep's pace counts its set-up as iterations: when the fit fell well short of the budget, fit
            // again (from the start) with as many more iterations as the budget allows at this fit's pace.
            if (aMlpc >= target || tMlpc >= 0.8 * budget || mlpc.summary().totalIterations() < iterations) {
                break;
            }
            iterations = (int) (iterations * budget / tMlpc);
        }
        if (aNabla < target) {
            System.out.printf(Locale.ROOT, "nabla had not reached %.2f after %d epochs (%.4f): no ratio%n", target,
                    epochs, aNabla);
        } else if (aMlpc >= target) {
            System.out.printf(Locale.ROOT, "nabla reached %.2f in %.1f s (%d epochs); ", target, tNabla, epochs);
            System.out.printf(Locale.ROOT, "mlpc reached it within %.1f s: ratio nabla/mlpc >= %.3f%n", tMlpc,
                    tNabla / tMlpc);
        } else {
            System.out.printf(Locale.ROOT, "nabla reached %.2f in %.1f s (%d epochs); ", target, tNabla, epochs);
            System.out.printf(Locale.ROOT, "mlpc had not reached it after %.1f s: ratio nabla/mlpc < %.3f%n", tMlpc,
                    tNabla / tMlpc);
        }
        spark.stop();
    }

    private static MultilayerPerceptronClassifier mlpc(int blockSize, int iterations) {
        return new MultilayerPerceptronClassifier().setLayers(new int[] {784, 256, 128, 10}).setSolver("l-bfgs")
                .setMaxIter(iterations).setBlockSize(blockSize).setSeed(1);
    }

    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset d) {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        float[] x = d.features().floats();
        int[] labels = d.labels();
        int cols = d.featureCount();
        List<Row> rows = new ArrayList<>(d.rows());
        for (int i = 0; i < d.rows(); i++) {
            double[] v = new double[cols];
            for (int j = 0; j < cols; j++) {
                v[j] = x[i * cols + j] / 255.0;
            }
            rows.add(RowFactory.create(Vectors.dense(v), (double) labels[i]));
        }
        return spark.createDataFrame(rows, schema);
    }
}
