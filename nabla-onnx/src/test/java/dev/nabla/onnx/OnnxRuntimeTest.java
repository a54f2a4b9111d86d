package dev.nabla.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import dev.nabla.io.ModelSpecJson;
import dev.nabla.nn.ActivationSpec;
import dev.nabla.nn.BatchNormSpec;
import dev.nabla.nn.DropoutSpec;
import dev.nabla.nn.LayerNormSpec;
import dev.nabla.nn.LayerSpec;
import dev.nabla.nn.LinearSpec;
import dev.nabla.nn.ModelSpec;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import dev.nabla.train.Prediction;
import dev.nabla.train.Prepared;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every exported model, run by ONNX Runtime, predicts what {@code nabla predict} predicts, to 1e-5. */
class OnnxRuntimeTest {
    static final double TOLERANCE = 1e-5;
    /** At least 200 rows of every dataset are predicted (all rows of smaller ones, each several times over). */
    static final int ROWS = 240;

    static Stream<Arguments> datasets() {
        return Datasets.embedded().stream().flatMap(d -> Stream.of(Arguments.of(d.name(), false),
                Arguments.of(d.name(), true)));
    }

    @ParameterizedTest(name = "{0}, float64 {1}")
    @MethodSource("datasets")
    void embeddedDatasetsPredictAsNabla(String dataset, boolean f64) throws Exception {
        TrainedModel m = Trained.on(dataset, TableOptions.defaults(), "8:tanh");
        check(f64 ? Trained.f64(m) : m, dataset, TableOptions.defaults());
    }

    static Stream<Arguments> specs() throws Exception {
        try (Stream<Path> files = Files.list(SPECS)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json") && !f.contains(".notation"))
                    .sorted().toList().stream()
                    .flatMap(f -> Stream.of(Arguments.of(f, false), Arguments.of(f, true)));
        }
    }

    static final Path SPECS = Path.of("..", "examples", "specs");

    /** Each example spec on iris (the UMONS network, one sigmoid output, on breast_cancer), as its README trains it. */
    @ParameterizedTest(name = "{0}, float64 {1}")
    @MethodSource("specs")
    void exampleSpecsPredictAsNabla(String file, boolean f64) throws Exception {
        boolean binary = file.equals("umons.json");
        String dataset = binary ? "breast_cancer" : "iris";
        Objective objective = binary ? Objective.BINARY_CROSS_ENTROPY
                : file.equals("chau.json") || file.equals("nn-math.json") ? Objective.MSE : Objective.SOFTMAX_CROSS_ENTROPY;
        Prepared prepared = Training.builder().seed(7).build().prepare(Datasets.open(dataset, null));
        Dataset data = prepared.split().train();
        int outputs = objective.outputs(data.task(), data.classNames().size());
        ModelSpec spec = ModelSpecJson.read(SPECS.resolve(file), data.featureCount(), outputs);
        TrainedModel m = Training.builder().spec(spec).objective(objective).epochs(3).seed(7).build().fit(prepared)
                .model();
        check(f64 ? Trained.f64(m) : m, dataset, TableOptions.defaults());
    }

    /**
     * Every layer kind of issue 8 in one network: batch norm in its evaluation form (running statistics, after a few
     * epochs have moved them), layer norm, dropout left out, and each activation.
     */
    @ParameterizedTest(name = "{0}, float64 {1}")
    @MethodSource("layerKinds")
    void everyLayerKindPredictsAsNabla(String dataset, boolean f64) throws Exception {
        Prepared prepared = Training.builder().seed(7).build().prepare(Datasets.open(dataset, null));
        Dataset data = prepared.split().train();
        int outputs = Objective.forTask(data.task()).outputs(data.task(), data.classNames().size());
        List<LayerSpec> layers = List.of(new LinearSpec(16), new BatchNormSpec(), new ActivationSpec(Activation.GELU),
                new DropoutSpec(0.2), new LinearSpec(12), new LayerNormSpec(1e-5), new ActivationSpec(Activation.GELU_TANH),
                new LinearSpec(8), new ActivationSpec(Activation.SILU), new LinearSpec(8),
                new ActivationSpec(Activation.ELU, 0.7), new LinearSpec(8), new ActivationSpec(Activation.SOFTPLUS),
                new LinearSpec(8), new ActivationSpec(Activation.LEAKY_RELU, 0.05), new LinearSpec(outputs));
        TrainedModel m = Training.builder().spec(new ModelSpec(data.featureCount(), layers)).epochs(3).seed(7).build()
                .fit(prepared).model();
        check(f64 ? Trained.f64(m) : m, dataset, TableOptions.defaults());
    }

    static Stream<Arguments> layerKinds() {
        return Stream.of("iris", "credit_data", "diabetes").flatMap(d -> Stream.of(Arguments.of(d, false),
                Arguments.of(d, true)));
    }

    /** Categories with more levels than --max-onehot become codes into embedding tables, looked up in the graph. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ames", "credit_data", "penguins"})
    void embeddedCategoriesPredictAsNabla(String dataset) throws Exception {
        TableOptions few = TableOptions.defaults();
        few = new TableOptions(few.missing(), few.delimiter(), few.categorical(), few.numeric(), few.ignore(),
                few.impute(), 2, few.minLevelRows(), few.task());
        TrainedModel m = Trained.on(dataset, few, "8:relu");
        assertThat(m.pipeline().embedded()).isNotEmpty();
        check(m, dataset, few);
        check(Trained.f64(m), dataset, few);
    }

    /** A binary classifier's stored threshold decides its label, in the graph as in predict. */
    @Test
    void thresholdDecidesTheLabel() throws Exception {
        TrainedModel m = Trained.on("credit_data", TableOptions.defaults(), "8:tanh").withThreshold(0.3);
        check(m, "credit_data", TableOptions.defaults());
        assertThat(OnnxExport.below(0.3)).isLessThanOrEqualTo(0.3f);
        assertThat((double) OnnxExport.below(0.3)).isLessThanOrEqualTo(0.3);
        assertThat((double) Math.nextUp(OnnxExport.below(0.3))).isGreaterThan(0.3);
    }

    /** Losses with identity outputs: a regression by Huber, a classifier by MSE (its probabilities are the outputs). */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("identityOutputs")
    void identityOutputsPredictAsNabla(Objective objective, String dataset) throws Exception {
        TrainedModel m = Training.builder().layers("8:relu").objective(objective).epochs(3).seed(7).build()
                .run(Datasets.open(dataset, null)).model();
        check(m, dataset, TableOptions.defaults());
    }

    static Stream<Arguments> identityOutputs() {
        return Stream.of(Arguments.of(Objective.HUBER, "ames"), Arguments.of(Objective.MSE, "penguins"),
                Arguments.of(Objective.L1, "credit_data"));
    }

    /** Checks model {@code m} of {@code dataset}: raw rows for a table pipeline, the features matrix otherwise. */
    static void check(TrainedModel m, String dataset, TableOptions options) throws Exception {
        byte[] onnx = OnnxExport.toBytes(m);
        keep(onnx, dataset);
        Table table = Datasets.embeddedTable(dataset, options);
        if (m.pipeline().isNumeric()) {
            Tensor all = m.pipeline().encode(table);
            Tensor x = repeat(all, ROWS);
            assertEqual(m, m.predict(x), Runtime.run(onnx, x));
        } else {
            List<Map<String, Object>> rows = Trained.rows(m, table, ROWS);
            assertThat(rows).hasSizeGreaterThanOrEqualTo(200);
            assertEqual(m, m.predictRows(rows), Runtime.run(onnx, m, rows));
        }
    }

    /**
     * Writes every exported model into the folder the system property {@code nabla.onnx.keep} names, for
     * {@code scripts/onnx-check.py} (ONNX's own checker, which CI does not have).
     */
    private static void keep(byte[] onnx, String dataset) throws java.io.IOException {
        String dir = System.getProperty("nabla.onnx.keep");
        if (dir != null) {
            Path folder = Files.createDirectories(Path.of(dir));
            Files.write(folder.resolve(dataset + "-" + KEPT.incrementAndGet() + ".onnx"), onnx);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger KEPT = new java.util.concurrent.atomic.AtomicInteger();

    /** The first {@code n} rows of x, starting over from the top when x has fewer. */
    static Tensor repeat(Tensor x, int n) {
        float[] out = new float[n * x.cols()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < x.cols(); j++) {
                out[i * x.cols() + j] = (float) x.get(i % x.rows(), j);
            }
        }
        return Tensor.wrap(out, n, x.cols());
    }

    /**
     * Probabilities to 1e-5, values to 1e-5 relative (a house price in float32 has no absolute 1e-5), labels equal
     * unless the deciding probabilities lie within the tolerance of each other or of the threshold.
     */
    static void assertEqual(TrainedModel m, Prediction expected, Runtime.Outputs actual) {
        int n = expected.rows();
        if (expected.values() != null) {
            assertThat(actual.values()).hasNumberOfRows(n);
            for (int i = 0; i < n; i++) {
                double v = expected.values()[i];
                assertThat((double) actual.values()[i][0]).as("row %d", i)
                        .isCloseTo(v, within(TOLERANCE * Math.max(1, Math.abs(v))));
            }
            return;
        }
        Tensor p = expected.probabilities();
        assertThat(actual.probabilities()).hasNumberOfRows(n);
        assertThat(actual.labels()).hasSize(n);
        for (int i = 0; i < n; i++) {
            double[] row = p.row(i);
            for (int k = 0; k < row.length; k++) {
                assertThat((double) actual.probabilities()[i][k]).as("row %d, class %d", i, k)
                        .isCloseTo(row[k], within(TOLERANCE));
            }
            String label = m.classNames().get(expected.classes()[i]);
            if (!label.equals(actual.labels()[i])) {
                assertThat(close(m, row)).as("row %d: label %s, ONNX Runtime says %s, probabilities %s", i, label,
                        actual.labels()[i], Arrays.toString(row)).isTrue();
            }
        }
    }

    private static boolean close(TrainedModel m, double[] p) {
        if (p.length == 2) {
            return Math.abs(p[1] - m.threshold()) < TOLERANCE;
        }
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length - 1] - sorted[sorted.length - 2] < TOLERANCE;
    }
}
