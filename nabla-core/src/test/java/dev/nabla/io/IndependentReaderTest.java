package dev.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file as any safetensors reader (and PyTorch's {@code load_state_dict}) sees it, parsed here by hand from the
 * format's definition rather than by {@link Safetensors}: u64 LE header length, JSON header, little-endian data.
 */
class IndependentReaderTest {
    @TempDir
    Path dir;

    @Test
    void aModelFileIsPlainSafetensorsWithStateDictNames() throws IOException {
        TrainedModel model = ModelFileTest.irisLike();
        Path file = dir.resolve("iris.safetensors");
        ModelFile.save(file, model);

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = bytes.getLong(0);
        assertThat(n % 8).as("header padded to 8 bytes").isZero();
        String headerText = new String(bytes.array(), 8, (int) n, StandardCharsets.UTF_8);
        assertThat(headerText).startsWith("{");
        JsonObject header = JsonParser.parseString(headerText).getAsJsonObject();
        int dataStart = 8 + (int) n;

        JsonObject metadata = header.getAsJsonObject("__metadata__");
        assertThat(metadata.get("format").getAsString()).isEqualTo("pt");
        JsonObject nabla = JsonParser.parseString(metadata.get("nabla").getAsString()).getAsJsonObject();
        assertThat(nabla.getAsJsonArray("class_names").toString()).isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");

        List<String> names = new ArrayList<>(header.keySet());
        names.remove("__metadata__");
        // torch.nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 6), LeakyReLU(0.2), Linear(6, 3)).state_dict() keys
        assertThat(names).containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        Map<String, Variable> parameters = model.network().namedParameters();
        int[][] shapes = {{8, 4}, {8}, {6, 8}, {6}, {3, 6}, {3}};
        long end = 0;
        for (int k = 0; k < names.size(); k++) {
            JsonObject entry = header.getAsJsonObject(names.get(k));
            assertThat(entry.get("dtype").getAsString()).isEqualTo("F32");
            JsonArray shape = entry.getAsJsonArray("shape");
            int[] dims = new int[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).getAsInt();
            }
            assertThat(dims).containsExactly(shapes[k]);
            long begin = entry.getAsJsonArray("data_offsets").get(0).getAsLong();
            assertThat(begin).as("contiguous").isEqualTo(end);
            end = entry.getAsJsonArray("data_offsets").get(1).getAsLong();
            Tensor w = parameters.get(names.get(k)).data();
            assertThat(end - begin).isEqualTo(4L * w.size());
            for (int i = 0; i < w.size(); i++) {
                assertThat(bytes.getFloat(dataStart + (int) begin + 4 * i)).isEqualTo(w.floats()[i]);
            }
        }
        assertThat(dataStart + end).as("nothing after the last tensor").isEqualTo(Files.size(file));
    }
}
