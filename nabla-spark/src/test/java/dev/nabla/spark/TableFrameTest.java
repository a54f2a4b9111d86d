package dev.nabla.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.data.Pipeline;
import dev.nabla.data.Scaling;
import dev.nabla.data.Schema;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import dev.nabla.data.TableReader;
import dev.nabla.data.Target;
import dev.nabla.data.TextInput;
import dev.nabla.io.ModelFile;
import dev.nabla.optim.Optimizers;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Training;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raw columns through Nabla's table pipeline on Spark: a CSV read by {@code spark.read().csv} (strings and nulls, no
 * VectorAssembler) is fitted with distributed aggregations to the very pipeline one process fits, trains the weights
 * single-process training gives, and predicts what {@code nabla predict} predicts from the file.
 */
class TableFrameTest {
    @TempDir
    static Path dir;

    /** The embedded credit data as a file, and read by Spark as it comes, in 4 partitions of the file's order. */
    private static Path csv(String name) throws IOException {
        Path csv = dir.resolve(name + ".csv");
        if (!Files.exists(csv)) {
            try (InputStream in = Dataset.class.getResourceAsStream("embedded/" + name + ".csv")) {
                Files.copy(in, csv);
            }
        }
        return csv;
    }

    private static org.apache.spark.sql.Dataset<Row> frame(Path csv) {
        return frame(csv, false);
    }

    /** The file read by Spark in 4 partitions of its order: strings, or with {@code typed}, Spark's inferred types. */
    private static org.apache.spark.sql.Dataset<Row> frame(Path csv, boolean typed) {
        SparkSession spark = LocalSpark.get();
        long bytes = csv.toFile().length();
        spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(bytes / 4 + 1));
        spark.conf().set("spark.sql.files.openCostInBytes", "0");
        try {
            var frame = spark.read().option("header", true).option("inferSchema", typed).csv(csv.toString())
                    .cache();
            frame.count();
            return frame;
        } finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
            spark.conf().unset("spark.sql.files.openCostInBytes");
        }
    }

    private static String[] allBut(org.apache.spark.sql.Dataset<Row> frame, String target) {
        return Arrays.stream(frame.columns()).filter(c -> !c.equals(target)).toArray(String[]::new);
    }

    @Test
    void theDistributedFitIsTheOneProcessFit() throws IOException {
        for (String[] data : new String[][] {{"credit_data", "Status", "false"}, {"penguins", "species", "false"},
                {"penguins", "species", "true"}}) {
            Path file = csv(data[0]);
            var frame = frame(file, Boolean.parseBoolean(data[2]));
            assertThat(frame.rdd().getNumPartitions()).isGreaterThan(1);
            Table table = new TableReader().read(TextInput.open(file));
            Target target = Target.of(table, data[1], null);
            Table labelled = table.subset(target.rows());
            int[] all = IntStream.range(0, labelled.rows()).toArray();
            TableOptions options = TableOptions.defaults();
            Schema schema = Schema.infer(labelled, all, data[1], options);
            Pipeline expected = Pipeline.fit(labelled, all, schema, options);

            TableFrame.Prepared p = TableFrame.prepare(frame, allBut(frame, data[1]), data[1], true,
                    Scaling.Kind.STANDARD, 2, options);
            try {
                assertThat(p.pipeline()).isEqualTo(expected);
                assertThat(p.classNames()).isEqualTo(target.classNames());
                assertThat(p.placed().rows()).isEqualTo(labelled.rows());
            } finally {
                p.free();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void weightsEqualSingleProcessTrainingAndPredictionsEqualNablaPredict(int partitions) throws IOException {
        Path file = csv("credit_data");
        var frame = frame(file);
        NablaClassificationModel model = new NablaClassifier().setInputCols(allBut(frame, "Status"))
                .setLabelCol("Status").setLayers("16:relu").setOptimizer("adam").setLearningRate(0.01).setEpochs(2)
                .setBatchSize(64).setSeed(5).setPartitions(partitions).fit(frame);

        Table table = new TableReader().read(TextInput.open(file));
        TrainedModel single = Training.builder().layers("16:relu").optimizer(Optimizers.config("adam", 0.01, null)::create)
                .epochs(2).batchSize(64).seed(5).validation(0).test(0).build()
                .run(DataSource.of(table, "Status", TableOptions.defaults())).model();
        assertThat(model.trained().pipeline()).isEqualTo(single.pipeline());
        assertThat(model.trained().classNames()).isEqualTo(single.classNames()).containsExactly("bad", "good");
        assertThat(model.trained().scaling().shift()).containsExactly(single.scaling().shift(),
                org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(DataParallelTest.relativeDifference(single.network(), model.trained().network())).isLessThan(1e-5);

        // The model file, read as nabla predict reads it, predicts from the CSV what transform predicts from the frame.
        Path saved = dir.resolve("credit-" + partitions);
        model.write().save(saved.toString());
        TrainedModel read = ModelFile.load(saved.resolve(NablaModel.FILE));
        Prediction expected = read.predict(Datasets.features(file.toString(), read.pipeline()));
        List<Row> rows = NablaClassificationModel.load(saved.toString()).transform(frame)
                .select("prediction", "probability").collectAsList();
        assertThat(rows).hasSize(expected.classes().length);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getDouble(0)).isEqualTo(expected.classes()[i]);
            assertThat(((org.apache.spark.ml.linalg.Vector) rows.get(i).get(1)).apply(1))
                    .isEqualTo(expected.probabilities().get(i, 1), org.assertj.core.data.Offset.offset(1e-6));
        }
        List<Row> labels = frame.select("Status").collectAsList();
        long right = IntStream.range(0, rows.size()).filter(i -> model.classNames().get((int) rows.get(i).getDouble(0))
                .equals(labels.get(i).getString(0))).count();
        assertThat((double) right / rows.size()).isGreaterThan(0.7);
    }

    /** A category of more levels than one-hot takes becomes a code column and a learned embedding, as in one process. */
    @Test
    void manyLevelsAreEmbeddedAsOneProcessEmbedsThem() {
        List<String> names = List.of("city", "x", "y");
        List<java.util.Map<String, Object>> cells = new java.util.ArrayList<>();
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String city = "c" + (i * 7 % 40);
            String x = i % 11 == 0 ? null : Double.toString((i % 17) * 0.5);
            String y = (i * 7 % 40) % 3 == 0 ? "yes" : "no";
            java.util.Map<String, Object> m = new java.util.HashMap<>(java.util.Map.of("city", city, "y", y));
            if (x != null) {
                m.put("x", x);
            }
            cells.add(m);
            rows.add(org.apache.spark.sql.RowFactory.create(city, x, y));
        }
        var schema = new org.apache.spark.sql.types.StructType().add("city", "string").add("x", "string").add("y", "string");
        var frame = LocalSpark.get().createDataFrame(
                new org.apache.spark.api.java.JavaSparkContext(LocalSpark.get().sparkContext()).parallelize(rows, 3), schema);
        NablaClassificationModel model = new NablaClassifier().setInputCols(new String[] {"city", "x"}).setLabelCol("y")
                .setLayers("8:relu").setOptimizer("adam").setLearningRate(0.01).setEpochs(3).setBatchSize(32).setSeed(2)
                .setPartitions(2).fit(frame);
        Table table = new TableReader().rows("rows", names, cells);
        TrainedModel single = Training.builder().layers("8:relu").optimizer(Optimizers.config("adam", 0.01, null)::create)
                .epochs(3).batchSize(32).seed(2).validation(0).test(0).build()
                .run(DataSource.of(table, "y", TableOptions.defaults())).model();
        assertThat(model.trained().pipeline().embedded()).hasSize(1);
        assertThat(model.trained().pipeline()).isEqualTo(single.pipeline());
        assertThat(model.trained().spec()).isEqualTo(single.spec());
        assertThat(DataParallelTest.relativeDifference(single.network(), model.trained().network())).isLessThan(1e-5);
    }

    /** A regression on raw columns: rows without a label left out, the target standardised, the weights as one process's. */
    @Test
    void aRegressorOnRawColumnsEqualsSingleProcessTraining() throws IOException {
        Path file = csv("penguins");
        var frame = frame(file);
        NablaRegressionModel model = new NablaRegressor().setInputCols(allBut(frame, "body_mass_g"))
                .setLabelCol("body_mass_g").setLayers("8:tanh").setOptimizer("sgd").setLearningRate(0.05).setEpochs(3)
                .setBatchSize(16).setSeed(3).setPartitions(2).fit(frame);
        Table table = new TableReader().read(TextInput.open(file));
        TrainedModel single = Training.builder().layers("8:tanh").optimizer(Optimizers.config("sgd", 0.05, null)::create)
                .epochs(3).batchSize(16).seed(3).validation(0).test(0).build()
                .run(DataSource.of(table, "body_mass_g", TableOptions.defaults())).model();
        assertThat(model.trained().pipeline()).isEqualTo(single.pipeline());
        assertThat(model.trained().targetScaling().shift()[0]).isCloseTo(single.targetScaling().shift()[0],
                org.assertj.core.data.Offset.offset(1e-2f));
        assertThat(DataParallelTest.relativeDifference(single.network(), model.trained().network())).isLessThan(1e-5);
        List<Row> predicted = model.transform(frame).select("prediction").collectAsList();
        Prediction expected = single.predict(Datasets.features(file.toString(), single.pipeline()));
        for (int i = 0; i < predicted.size(); i++) {
            assertThat(predicted.get(i).getDouble(0)).isCloseTo(expected.values()[i], org.assertj.core.data.Offset.offset(1e-2));
        }
    }
}
