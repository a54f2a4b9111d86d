package dev.nabla.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nabla.data.DataException;
import dev.nabla.data.DataSource;
import dev.nabla.data.Idx;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import dev.nabla.data.TableReader;
import dev.nabla.data.TextInput;
import dev.nabla.io.ModelFile;
import dev.nabla.io.ModelFileException;
import dev.nabla.io.ModelSpecJson;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.ModelSpec;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.TrainedModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of every reader that faces files: each target either returns a valid object or
 * throws its documented bad-input exception ({@link DataException} for data, {@link ModelFileException} for model and
 * spec files). Anything else — another exception, an {@link OutOfMemoryError}, a hang — is a finding.
 *
 * <p>{@code ./build verify} replays the committed corpus in {@code ReadersFuzzTestInputs/<target>/}; {@code .ci/run}
 * fuzzes each target for a bounded time: {@code JAZZER_FUZZ=1 ./build -o -pl nabla-core test
 * -Dtest='ReadersFuzzTest#csv'} (one target per JVM, as Jazzer runs one). New findings land in the inputs directory,
 * so they are replayed from then on.
 */
class ReadersFuzzTest {
    /** Tensors and metadata of a valid model file, into which the model-file target puts its metadata. */
    private static Map<String, Tensor> tensors;
    private static String metadata;
    private static Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        // tmpfs when there is one: model and safetensors files are written and read at every execution.
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "nabla-fuzz")
                : Files.createTempDirectory("nabla-fuzz");
        ModelSpec spec = ModelSpec.mlp(4, "8:tanh,6:leaky_relu(0.2)", 3);
        TrainedModel model = TrainedModel.of(spec.build(new SplittableRandom(1)), List.of("a", "b", "c", "d"), "kind",
                List.of("x", "y", "z"));
        Path file = dir.resolve("valid.safetensors");
        ModelFile.save(file, model);
        Safetensors.Contents c = Safetensors.read(file);
        tensors = c.tensors();
        metadata = c.metadata().get(ModelFile.METADATA_KEY);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static Path file(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV as it comes: read, then its columns given kinds and encoded as training would. */
    @FuzzTest(maxDuration = "15s")
    void csv(byte[] bytes) {
        try {
            Table table = new TableReader().read(TextInput.of("fuzz.csv", new ByteArrayInputStream(bytes)));
            if (table.rows() < 1 || table.columns().isEmpty()) {
                throw new AssertionError("a table without rows or columns was returned");
            }
            DataSource.of(table, null, TableOptions.defaults()).encoded();
        } catch (DataException expected) {
            // bad input, said in one line
        }
    }

    /** An IDX file, and its values read as class labels. */
    @FuzzTest(maxDuration = "15s")
    void idx(byte[] bytes) {
        Path p = file("fuzz.idx", bytes);
        try {
            Idx.Array a = Idx.read(p);
            Idx.labels(a, p.toString(), 0);
        } catch (DataException expected) {
            // bad input
        }
    }

    /** A safetensors file. */
    @FuzzTest(maxDuration = "15s")
    void safetensors(byte[] bytes) {
        Path p = file("fuzz.safetensors", bytes);
        try {
            Safetensors.read(p);
        } catch (ModelFileException expected) {
            // bad input
        }
    }

    /**
     * A model file whose framing is valid and whose {@code nabla} metadata is the fuzzer's (the valid model's is the
     * seed), with one weight sometimes replaced: loaded, then asked for a prediction.
     */
    @FuzzTest(maxDuration = "15s")
    void modelFile(FuzzedDataProvider in) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>(tensors);
        if (in.consumeBoolean()) {
            Tensor w = t.get("0.weight").copy();
            w.set(in.consumeInt(0, w.size() - 1), in.consumeFloat());
            t.put("0.weight", w);
        }
        String json = in.consumeBoolean() ? in.consumeRemainingAsString() : metadata;
        Path p = dir.resolve("fuzz.safetensors");
        Safetensors.write(p, t, Map.of("format", "pt", ModelFile.METADATA_KEY, json));
        try {
            TrainedModel m = ModelFile.load(p);
            m.predict(Tensor.zeros(2, m.inputs()));
        } catch (ModelFileException expected) {
            // bad input
        }
    }

    /** A spec JSON file for some inputs and outputs (0: the file must say), built when small. */
    @FuzzTest(maxDuration = "15s")
    void spec(FuzzedDataProvider in) {
        int inputs = in.consumeInt(0, 8);
        int outputs = in.consumeInt(0, 4);
        try {
            ModelSpec s = ModelSpecJson.parse(in.consumeRemainingAsString(), "fuzz.json", inputs, outputs);
            if (s.stateSize() < 100_000 && s.maxWidth() < 10_000) {
                s.build(new SplittableRandom(1));
            }
        } catch (ModelFileException expected) {
            // bad input
        }
    }
}
