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
 * Nabla on Spark against Spark MLlib's MultilayerPerceptronClassifier, same data, same cluster (local[2]), same run:
 * Fashion-MNIST (pixels/255) with 784-256-128-10. MLPC with its own best settings — L-BFGS, its sigmoid hidden
 * layers, blockSize as given — for a number of iterations; Nabla with SGD (η = 0.1, batches of 128) for a number
 * of epochs. Prints each fit's wall time and test accuracy. Usage: {@code scripts/spark-bench mlpc [NABLA_EPOCHS
 * [MLPC_ITERATIONS [BLOCK_SIZE]]]}.
 */
public final class AgainstMlpc {
    private AgainstMlpc() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int blockSize = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("nabla-vs-mlpc")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        DataSource source = Datasets.idxDirectory(Datasets.DEBIAN_FASHION_MNIST, "fashion-mnist", null);
        var train = frame(spark, source.data()).repartition(2).cache();
        var test = frame(spark, source.presetTest()).cache();
        train.count();
        test.count();
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");

        long t0 = System.nanoTime();
        NablaClassificationModel nabla = new NablaClassifier().setLayers("256:relu,128:relu").setOptimizer("sgd")
                .setLearningRate(0.1).setBatchSize(128).setEpochs(epochs).setScaling("none").setSeed(1).setPartitions(2)
                .fit(train);
        double tNabla = (System.nanoTime() - t0) / 1e9;
        double aNabla = accuracy.evaluate(nabla.transform(test));

        t0 = System.nanoTime();
        MultilayerPerceptronClassificationModel mlpc = new MultilayerPerceptronClassifier()
                .setLayers(new int[] {784, 256, 128, 10}).setSolver("l-bfgs").setMaxIter(iterations)
                .setBlockSize(blockSize).setSeed(1).fit(train);
        double tMlpc = (System.nanoTime() - t0) / 1e9;
        double aMlpc = accuracy.evaluate(mlpc.transform(test));
        System.out.printf(Locale.ROOT, "nabla, sgd, %d epochs:        %.1f s, test accuracy %.4f%n", epochs, tNabla, aNabla);
        System.out.printf(Locale.ROOT, "mlpc, l-bfgs, %d iterations, blockSize %d: %.1f s, test accuracy %.4f%n",
                iterations, blockSize, tMlpc, aMlpc);
        System.out.printf(Locale.ROOT, "time ratio nabla/mlpc: %.3f%n", tNabla / tMlpc);
        spark.stop();
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
