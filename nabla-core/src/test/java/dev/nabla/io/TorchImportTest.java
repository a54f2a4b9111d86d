package dev.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.nn.ModelSpec;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Networks trained in PyTorch and saved with safetensors.torch.save_file predict in Nabla what they predicted in
 * PyTorch (the outputs computed by scripts/torch-import/make-fixtures.py).
 */
class TorchImportTest {
    static final Path FIXTURES = Path.of("src", "test", "resources", "torch-import");

    @Test
    void aSoftmaxClassifierPredictsPyTorchsProbabilities() throws Exception {
        TrainedModel m = TorchImport.read(FIXTURES.resolve("iris_like.safetensors"), k -> ModelSpec.mlp(4, "8:relu", k),
                names(4), List.of("setosa", "versicolor", "virginica"), "species");
        assertThat(m.objective()).isEqualTo(Objective.SOFTMAX_CROSS_ENTROPY);
        assertPredicts(m, "iris_like", 4, 3);
    }

    @Test
    void twoClassesWithOneOutputAreASigmoid() throws Exception {
        TrainedModel m = TorchImport.read(FIXTURES.resolve("binary_tanh.safetensors"), k -> ModelSpec.mlp(5, "6:tanh", k),
                names(5), List.of("no", "yes"), "y");
        assertThat(m.objective()).isEqualTo(Objective.BINARY_CROSS_ENTROPY);
        assertPredicts(m, "binary_tanh", 5, 2);
    }

    @Test
    void aRegressionPredictsPyTorchsValues() throws Exception {
        TrainedModel m = TorchImport.read(FIXTURES.resolve("regression_deep.safetensors"),
                k -> ModelSpec.mlp(3, "8:leaky_relu(0.1),4:sigmoid", k), names(3), List.of(), "y");
        assertPredicts(m, "regression_deep", 3, 1);
    }

    @Test
    void aFloat64NetworkFromASpecStaysFloat64() throws Exception {
        TrainedModel m = TorchImport.read(FIXTURES.resolve("spec_float64.safetensors"),
                k -> spec(FIXTURES.resolve("spec_float64.json"), 6, k), names(6), List.of("a", "b"), "y");
        assertThat(m.network().stateDict().get("0.weight").dtype()).isEqualTo(DType.F64);
        assertPredicts(m, "spec_float64", 6, 2);
    }

    @Test
    void batchNormWithPyTorchsInt64CounterPredictsPyTorchsProbabilities() throws Exception {
        TrainedModel m = TorchImport.read(FIXTURES.resolve("batch_norm.safetensors"),
                k -> spec(FIXTURES.resolve("batch_norm.json"), 4, k), names(4), List.of("a", "b", "c"), "y");
        assertThat(m.network().stateDict().get("1.num_batches_tracked").dtype()).isEqualTo(DType.F32);
        assertThat(m.network().stateDict().get("1.num_batches_tracked").item()).isEqualTo(5.0);
        assertPredicts(m, "batch_norm", 4, 3);
    }

    @Test
    void aModelFileKeepsRefusingInt64() {
        assertThatThrownBy(() -> Safetensors.read(FIXTURES.resolve("batch_norm.safetensors")))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor \"1.num_batches_tracked\"")
                .hasMessageContaining("dtype I64 is not supported");
    }

    @Test
    void aTensorTheArchitectureLacksIsNamedWithTheFilesContents() {
        Path file = FIXTURES.resolve("dropout_between.safetensors");
        assertThatThrownBy(() -> TorchImport.read(file, k -> ModelSpec.mlp(4, "8:relu", k), names(4),
                List.of("a", "b", "c"), "y"))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": tensor \"2.weight\" of shape [3, 8] is missing; the architecture needs "
                        + "[0.weight, 0.bias, 2.weight, 2.bias]; the file holds ")
                .hasMessageContaining("3.weight [3, 8]");
    }

    @Test
    void aShapeThatDiffersIsNamed() {
        Path file = FIXTURES.resolve("iris_like.safetensors");
        assertThatThrownBy(() -> TorchImport.read(file, k -> ModelSpec.mlp(4, "16:relu", k), names(4),
                List.of("a", "b", "c"), "y"))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": tensor \"0.weight\" has shape [8, 4], the architecture needs [16, 4]");
    }

    private static ModelSpec spec(Path file, int inputs, int outputs) {
        try {
            return ModelSpecJson.read(file, inputs, outputs);
        } catch (ModelFileException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(int d) {
        return IntStream.range(0, d).mapToObj(j -> "x" + j).toList();
    }

    /** Predictions for the fixture's inputs equal the outputs PyTorch wrote beside them, to 1e-5. */
    private static void assertPredicts(TrainedModel m, String name, int inputs, int outputs) throws Exception {
        List<String> lines = Files.readAllLines(FIXTURES.resolve(name + ".csv"));
        int n = lines.size() - 1;
        float[] x = new float[n * inputs];
        double[][] expected = new double[n][outputs];
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int j = 0; j < inputs; j++) {
                x[i * inputs + j] = Float.parseFloat(cells[j]);
            }
            for (int k = 0; k < outputs; k++) {
                expected[i][k] = Double.parseDouble(cells[inputs + k]);
            }
        }
        Prediction p = m.predict(Tensor.wrap(x, n, inputs));
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < outputs; k++) {
                double actual = p.values() != null ? p.values()[i] : p.probabilities().get(i, k);
                assertThat(actual).as("%s row %d output %d", name, i, k).isCloseTo(expected[i][k], within(1e-5));
            }
        }
    }
}
