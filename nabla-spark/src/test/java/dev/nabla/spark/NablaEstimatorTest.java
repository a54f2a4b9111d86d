package dev.nabla.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.data.Dataset;
import dev.nabla.data.Scaling;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Trainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML API: estimators in a Pipeline, models that transform DataFrames, ML persistence of the model file. */
class NablaEstimatorTest {
    @TempDir
    Path dir;

    private org.apache.spark.sql.Dataset<Row> embedded(String name, int partitions) throws IOException {
        Path csv = dir.resolve(name + ".csv");
        try (InputStream in = Dataset.class.getResourceAsStream("embedded/" + name + ".csv")) {
            Files.copy(in, csv);
        }
        SparkSession spark = LocalSpark.get();
        return spark.read().option("header", true).option("inferSchema", true).csv(csv.toString()).coalesce(1)
                .repartition(partitions);
    }

    private static String[] allBut(org.apache.spark.sql.Dataset<Row> frame, String target) {
        return Arrays.stream(frame.columns()).filter(c -> !c.equals(target)).toArray(String[]::new);
    }

    @Test
    void aClassifierInAPipelineTrainsTransformsAndSurvivesSaveAndLoad() throws IOException {
        var wine = embedded("wine", 3).cache();
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(allBut(wine, "cultivar")).setOutputCol("features"),
                new StringIndexer().setInputCol("cultivar").setOutputCol("label"),
                new NablaClassifier().setLayers("16:relu").setOptimizer("adam").setLearningRate(0.01).setEpochs(40)
                        .setBatchSize(16).setPartitions(2)});
        PipelineModel fitted = pipeline.fit(wine);
        var scored = fitted.transform(wine);
        assertThat(scored.columns()).contains("rawPrediction", "probability", "prediction");
        List<Row> rows = scored.select("label", "prediction", "probability").collectAsList();
        long right = rows.stream().filter(r -> r.getDouble(0) == r.getDouble(1)).count();
        assertThat((double) right / rows.size()).isGreaterThan(0.95);
        for (Row r : rows) {
            Vector p = (Vector) r.get(2);
            assertThat(Arrays.stream(p.toArray()).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }

        Path saved = dir.resolve("pipeline");
        fitted.write().save(saved.toString());
        PipelineModel loaded = PipelineModel.load(saved.toString());
        List<Row> again = loaded.transform(wine).select("label", "prediction", "probability").collectAsList();
        assertThat(again).isEqualTo(rows);

        // The stage's data is a Nabla model file: nabla predict (ModelFile) reads it, with StringIndexer's labels.
        NablaClassificationModel stage = (NablaClassificationModel) fitted.stages()[2];
        Path file;
        try (var files = Files.walk(saved)) {
            file = files.filter(f -> f.getFileName().toString().equals("model.safetensors")).findFirst().orElseThrow();
        }
        TrainedModel read = ModelFile.load(file);
        assertThat(read.classNames()).isEqualTo(stage.classNames()).containsExactlyInAnyOrder("class_0", "class_1", "class_2");
        assertThat(read.featureNames()).containsExactly(allBut(wine, "cultivar"));
    }

    /**
     * The estimator trains the model single-process training would: the DataFrame's rows in order, scaled by their
     * statistics, the same seeded batches — over 2 replicas from 3 partitions, to 1e-5 relative.
     */
    @Test
    void theClassifierEqualsSingleProcessTrainingOnTheSameRows() throws IOException {
        var wine = embedded("wine", 3);
        var indexed = new StringIndexer().setInputCol("cultivar").setOutputCol("label").fit(wine).transform(
                new VectorAssembler().setInputCols(allBut(wine, "cultivar")).setOutputCol("features").transform(wine))
                .cache();
        NablaClassificationModel model = new NablaClassifier().setLayers("8:tanh").setOptimizer("sgd")
                .setLearningRate(0.1).setEpochs(5).setBatchSize(20).setSeed(9).setPartitions(2).fit(indexed);

        List<Row> rows = indexed.select("features", "label").collectAsList();
        int n = rows.size();
        int d = 13;
        float[] x = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] v = ((Vector) rows.get(i).get(0)).toArray();
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) v[j];
            }
            labels[i] = (int) rows.get(i).getDouble(1);
        }
        Tensor features = Tensor.wrap(x, n, d);
        Scaling scaling = Scaling.fit(Scaling.Kind.STANDARD, features);
        Dataset data = Dataset.classification("wine", scaling.apply(features),
                Arrays.asList(allBut(wine, "cultivar")), "label", labels, List.of("a", "b", "c"));
        Module single = ModelSpec.mlp(d, "8:tanh", 3).build(new SplittableRandom(9));
        Trainer.builder().epochs(5).batchSize(20).seed(9).build()
                .fit(single, Optimizers.config("sgd", 0.1, null).create(single.parameters()), data, null);
        assertThat(model.trained().scaling().shift()).containsExactly(scaling.shift(),
                org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(DataParallelTest.relativeDifference(single, model.trained().network())).isLessThan(1e-5);
    }

    @Test
    void theSparkModesTrainTheSameLbfgsModel() throws IOException {
        var wine = embedded("wine", 2);
        var assembled = new VectorAssembler().setInputCols(allBut(wine, "cultivar")).setOutputCol("features")
                .transform(new StringIndexer().setInputCol("cultivar").setOutputCol("label").fit(wine).transform(wine))
                .cache();
        NablaClassifier lbfgs = new NablaClassifier().setLayers("8:tanh").setOptimizer("lbfgs:max_iter=4").setEpochs(2)
                .setSeed(4).setPartitions(2);
        NablaClassificationModel barrier = lbfgs.fit(assembled);
        NablaClassificationModel driver = lbfgs.copy(new org.apache.spark.ml.param.ParamMap()).setSparkMode("driver")
                .fit(assembled);
        assertThat(DataParallelTest.relativeDifference(barrier.trained().network(), driver.trained().network()))
                .isLessThan(1e-5);
        assertThat(DataParallelTest.relativeDifference(barrier.trained().network(),
                ModelSpec.mlp(13, "8:tanh", 3).build(new SplittableRandom(4)))).isGreaterThan(1e-3);
    }

    @Test
    void aRegressorPredictsInTheLabelsUnits() throws IOException {
        var diabetes = embedded("diabetes", 2);
        var assembled = new VectorAssembler().setInputCols(allBut(diabetes, "progression")).setOutputCol("features")
                .transform(diabetes).withColumnRenamed("progression", "label").cache();
        NablaRegressionModel model = new NablaRegressor().setLayers("16:relu").setLearningRate(0.01).setEpochs(60)
                .fit(assembled);
        List<Row> rows = model.transform(assembled).select("label", "prediction").collectAsList();
        double mean = rows.stream().mapToDouble(r -> ((Number) r.get(0)).doubleValue()).average().orElseThrow();
        double residual = 0;
        double total = 0;
        for (Row r : rows) {
            double y = ((Number) r.get(0)).doubleValue();
            residual += Math.pow(y - r.getDouble(1), 2);
            total += Math.pow(y - mean, 2);
        }
        assertThat(1 - residual / total).as("R²").isGreaterThan(0.4);
        NablaRegressionModel copy = NablaRegressionModel.load(save(model));
        assertThat(copy.transform(assembled).select("prediction").collectAsList())
                .isEqualTo(model.transform(assembled).select("prediction").collectAsList());
    }

    private String save(NablaRegressionModel model) throws IOException {
        String path = dir.resolve("regressor").toString();
        model.write().save(path);
        return path;
    }
}
