package dev.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.data.Pipeline;
import dev.nabla.data.Scaling;
import dev.nabla.data.Task;
import dev.nabla.nn.ActivationSpec;
import dev.nabla.nn.AddSpec;
import dev.nabla.nn.LayerSpec;
import dev.nabla.nn.LinearSpec;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static Tensor features(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextGaussian() * 3 + 1);
        }
        return Tensor.wrap(x, rows, cols);
    }

    static TrainedModel irisLike() {
        ModelSpec spec = ModelSpec.mlp(4, "8:tanh,6:leaky_relu(0.2)", 3);
        Module network = spec.build(new SplittableRandom(7));
        return new TrainedModel(spec, network, Task.MULTICLASS, Objective.SOFTMAX_CROSS_ENTROPY,
                Pipeline.numeric(List.of("a", "b", "c", "d")), Scaling.fit(Scaling.Kind.STANDARD, features(20, 4, 1)),
                new Scaling(Scaling.Kind.NONE, new float[] {0}, new float[] {1}),
                List.of("setosa", "versicolor", "virginica"), "species", TrainedModel.DEFAULT_THRESHOLD, Map.of());
    }

    private static TrainedModel skipRegression() {
        ModelSpec spec = new ModelSpec(3, List.of(new LinearSpec(5), new ActivationSpec(Activation.RELU),
                new AddSpec(List.of(
                        List.of(new LinearSpec(5, false, null), new ActivationSpec(Activation.SIGMOID)),
                        List.of(new ActivationSpec(Activation.IDENTITY)))),
                new LinearSpec(1)));
        Module network = spec.build(new SplittableRandom(11)).to(DType.F64);
        return new TrainedModel(spec, network, Task.REGRESSION, Objective.MSE, Pipeline.numeric(List.of("x", "y", "z")),
                Scaling.fit(Scaling.Kind.MINMAX, features(30, 3, 2)),
                new Scaling(Scaling.Kind.STANDARD, new float[] {12.5f}, new float[] {3.75f}),
                List.of(), "price", TrainedModel.DEFAULT_THRESHOLD, Map.of());
    }

    @Test
    void aClassifierComesBackWithBitIdenticalOutputs() throws IOException {
        TrainedModel model = irisLike();
        Path file = dir.resolve("iris.safetensors");
        ModelFile.save(file, model);
        TrainedModel loaded = ModelFile.load(file);

        Tensor x = features(50, 4, 3);
        assertThat(loaded.outputs(x).floats()).containsExactly(model.outputs(x).floats());
        Prediction p = loaded.predict(x);
        assertThat(p.classes()).containsExactly(model.predict(x).classes());
        assertThat(loaded.spec()).isEqualTo(model.spec());
        assertThat(loaded.task()).isEqualTo(Task.MULTICLASS);
        assertThat(loaded.objective()).isEqualTo(Objective.SOFTMAX_CROSS_ENTROPY);
        assertThat(loaded.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(loaded.featureNames()).containsExactly("a", "b", "c", "d");
        assertThat(loaded.targetName()).isEqualTo("species");
        assertThat(loaded.scaling().kind()).isEqualTo(Scaling.Kind.STANDARD);
        assertThat(loaded.scaling().shift()).containsExactly(model.scaling().shift());
        assertThat(loaded.scaling().scale()).containsExactly(model.scaling().scale());
        assertThat(loaded.network().namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight",
                "2.bias", "4.weight", "4.bias");
    }

    @Test
    void aFloat64RegressionWithASkipConnectionComesBackWithBitIdenticalValues() throws IOException {
        TrainedModel model = skipRegression();
        Path file = dir.resolve("reg.safetensors");
        ModelFile.save(file, model);
        TrainedModel loaded = ModelFile.load(file);

        Tensor x = features(40, 3, 4);
        assertThat(loaded.network().parameters().get(0).data().dtype()).isEqualTo(DType.F64);
        assertThat(loaded.predict(x).values()).containsExactly(model.predict(x).values());
        assertThat(loaded.targetScaling().shift()).containsExactly(12.5f);
        assertThat(loaded.targetScaling().scale()).containsExactly(3.75f);
        assertThat(loaded.network().namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.0.0.weight",
                "3.weight", "3.bias");
        assertThat(loaded.classNames()).isEmpty();
    }

    @Test
    void batchNormStatisticsAndTheNewLayersComeBackAndPredictionsAreInEvaluationMode() throws IOException {
        ModelSpec spec = new ModelSpec(4, List.of(new LinearSpec(6), new dev.nabla.nn.BatchNormSpec(0.2, 1e-4),
                new ActivationSpec(Activation.GELU), new dev.nabla.nn.DropoutSpec(0.5), new LinearSpec(5),
                new dev.nabla.nn.LayerNormSpec(), new ActivationSpec(Activation.ELU, 0.5), new LinearSpec(3)));
        Module network = spec.build(new SplittableRandom(3));
        // A few training forwards move the running statistics and the batch count away from their start.
        for (int i = 0; i < 3; i++) {
            network.forward(dev.nabla.autograd.Variable.constant(features(16, 4, 10 + i)));
        }
        TrainedModel model = new TrainedModel(spec, network, Task.MULTICLASS, Objective.SOFTMAX_CROSS_ENTROPY,
                Pipeline.numeric(List.of("w", "x", "y", "z")), Scaling.fit(Scaling.Kind.STANDARD, features(20, 4, 1)),
                new Scaling(Scaling.Kind.NONE, new float[] {0}, new float[] {1}), List.of("a", "b", "c"), "kind",
                TrainedModel.DEFAULT_THRESHOLD, Map.of());
        Path file = dir.resolve("bn.safetensors");
        ModelFile.save(file, model);
        TrainedModel loaded = ModelFile.load(file);

        assertThat(loaded.spec()).isEqualTo(spec);
        assertThat(loaded.network().stateDict().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                "1.running_mean", "1.running_var", "1.num_batches_tracked", "4.weight", "4.bias", "5.weight", "5.bias",
                "7.weight", "7.bias");
        assertThat(loaded.network().stateDict().get("1.num_batches_tracked").item()).isEqualTo(3.0);
        assertThat(loaded.network().stateDict().get("1.num_batches_tracked").shape()).isEmpty();
        assertThat(loaded.network().stateDict().get("1.running_var").floats())
                .containsExactly(network.stateDict().get("1.running_var").floats());
        Tensor x = features(9, 4, 3);
        Tensor outputs = model.outputs(x).copy();
        assertThat(model.outputs(x).floats()).as("no dropout, no statistics moved: evaluation mode").containsExactly(outputs.floats());
        assertThat(loaded.outputs(x).floats()).containsExactly(outputs.floats());
    }

    @Test
    void aNetworkBuiltInCodeEndingInSoftmaxIsSavedAndLoaded() throws IOException {
        var rng = new java.util.SplittableRandom(4);
        var net = new dev.nabla.nn.Sequential(new dev.nabla.nn.Linear(4, 6, rng), new dev.nabla.nn.Tanh(),
                new dev.nabla.nn.Linear(6, 3, rng), new dev.nabla.nn.Softmax());
        TrainedModel model = TrainedModel.of(net, List.of("a", "b", "c", "d"), "kind", List.of("x", "y", "z"));
        Path file = dir.resolve("coded.safetensors");
        ModelFile.save(file, model);
        TrainedModel loaded = ModelFile.load(file);
        assertThat(loaded.spec().layers()).extracting(dev.nabla.nn.LayerSpec::type)
                .containsExactly("linear", "tanh", "linear", "softmax");
        Tensor x = Tensor.of(new float[][] {{1, 2, 3, 4}, {-1, 0, 0.5f, 2}});
        assertThat(loaded.outputs(x).floats()).containsExactly(model.outputs(x).floats());
    }

    @Test
    void aTruncatedOrCorruptFileIsAModelFileException() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, irisLike());
        byte[] bytes = Files.readAllBytes(file);

        Path truncated = Files.write(dir.resolve("truncated.safetensors"), Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> ModelFile.load(truncated)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(truncated.toString());

        byte[] corrupt = bytes.clone();
        corrupt[10] = '}';
        Path bad = Files.write(dir.resolve("corrupt.safetensors"), corrupt);
        // byte 10 is the first '_' of "__metadata__", which makes it an entry that is no tensor
        assertThatThrownBy(() -> ModelFile.load(bad)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor \"}_metadata__\": unknown key \"format\"");
        corrupt = bytes.clone();
        corrupt[bytes.length - 1] ^= 0x40;
        Path flipped = Files.write(dir.resolve("flipped.safetensors"), corrupt);
        assertThat(ModelFile.load(flipped).network().parameters()).as("a changed weight is still a readable file")
                .hasSize(6);
    }

    /** Rewrites {@code file} with the same metadata but tensors changed by {@code edit}. */
    private static Path rewrite(Path from, Path to, java.util.function.Consumer<Map<String, Tensor>> edit,
                                java.util.function.UnaryOperator<String> editJson) throws IOException {
        Safetensors.Contents c = Safetensors.read(from);
        Map<String, Tensor> tensors = new LinkedHashMap<>(c.tensors());
        edit.accept(tensors);
        Map<String, String> metadata = new LinkedHashMap<>(c.metadata());
        metadata.put("nabla", editJson.apply(metadata.get("nabla")));
        Safetensors.write(to, tensors, metadata);
        return to;
    }

    @Test
    void aSmallFileDeclaringAHugeArchitectureIsRefusedBeforeBuildingIt() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, irisLike());
        // Two 40,000-unit layers (1.6 billion weights, 6.4 GB) in the metadata of a file of a few hundred numbers.
        Path liar = rewrite(file, dir.resolve("liar.safetensors"), t -> { }, json -> json
                .replace("{\"type\":\"linear\",\"units\":8}", "{\"type\":\"linear\",\"units\":40000}")
                .replace("{\"type\":\"linear\",\"units\":6}", "{\"type\":\"linear\",\"units\":40000}"));
        assertThat(Files.size(liar)).isLessThan(4096);
        assertThatThrownBy(() -> ModelFile.load(liar)).isInstanceOf(ModelFileException.class)
                .hasMessage(liar + ": __metadata__.nabla.spec: the architecture has 1,600,360,003 parameters, but the "
                        + "file's tensors hold 115 numbers; the file is damaged");
    }

    @Test
    void nanOrInfiniteWeightsAreRefusedNamingTheTensorAndPlace() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, irisLike());
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            Path poisoned = rewrite(file, dir.resolve("bad.safetensors"), t -> {
                Tensor w = t.get("2.weight").copy();
                w.set(1, 3, bad);
                t.put("2.weight", w);
            }, json -> json);
            assertThatThrownBy(() -> ModelFile.load(poisoned)).isInstanceOf(ModelFileException.class)
                    .hasMessage(poisoned + ": tensor \"2.weight\" holds " + (double) bad + " at [1, 3]; a model's "
                            + "weights must be finite numbers (was it saved from a run that diverged?)");
        }
    }

    @Test
    void tensorsMustMatchTheArchitectureExactly() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, irisLike());
        Path missing = rewrite(file, dir.resolve("missing.safetensors"), t -> t.remove("2.bias"), s -> s);
        assertThatThrownBy(() -> ModelFile.load(missing)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor \"2.bias\" of shape [6] is missing");
        Path extra = rewrite(file, dir.resolve("extra.safetensors"), t -> t.put("9.weight", Tensor.of(1f)), s -> s);
        assertThatThrownBy(() -> ModelFile.load(extra)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("[9.weight] belong to no parameter");
        Path shape = rewrite(file, dir.resolve("shape.safetensors"), t -> t.put("0.weight", Tensor.zeros(4, 8)), s -> s);
        assertThatThrownBy(() -> ModelFile.load(shape)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("\"0.weight\" has shape [4, 8], the architecture needs [8, 4]");
        Path dtype = rewrite(file, dir.resolve("dtype.safetensors"),
                t -> t.put("0.bias", t.get("0.bias").to(DType.F64)), s -> s);
        assertThatThrownBy(() -> ModelFile.load(dtype)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("\"0.bias\" is F64");
    }

    @Test
    void theDescriptionIsCheckedToo() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, irisLike());
        Path version = rewrite(file, dir.resolve("v.safetensors"), t -> { },
                s -> s.replace("\"format_version\":2", "\"format_version\":3"));
        assertThatThrownBy(() -> ModelFile.load(version)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("__metadata__.nabla.format_version: version 3 is not supported");
        Path task = rewrite(file, dir.resolve("t.safetensors"), t -> { }, s -> s.replace("multiclass", "ranking"));
        assertThatThrownBy(() -> ModelFile.load(task)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("__metadata__.nabla.task: unknown value \"ranking\"");
        Path names = rewrite(file, dir.resolve("n.safetensors"), t -> { }, s -> s.replace("\"virginica\"", ""));
        assertThatThrownBy(() -> ModelFile.load(names)).isInstanceOf(ModelFileException.class);
        Path classes = rewrite(file, dir.resolve("c.safetensors"), t -> { }, s -> s.replace(",\"virginica\"", ""));
        assertThatThrownBy(() -> ModelFile.load(classes)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("needs 2");

        Path plain = dir.resolve("plain.safetensors");
        Safetensors.write(plain, Map.of("w", Tensor.of(1f)), Map.of("format", "pt"));
        assertThatThrownBy(() -> ModelFile.load(plain)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not a Nabla model file");
    }
}
