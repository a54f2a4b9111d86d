package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The five seed specs ship in examples/specs: each well-formed, fitting any data, and documented. */
class ExampleSpecsTest {
    static final Path SPECS = Path.of("..", "examples", "specs");
    static final List<String> SEEDS = List.of("umons.json", "saxon.json", "mykhalchuk.json", "chau.json", "nn-math.json");
    private static final Set<String> TYPES = Set.of("linear", "tanh", "sigmoid", "relu", "leaky_relu", "add");

    @Test
    void eachSeedHasASpecThatFitsAnyDataset() throws IOException {
        try (Stream<Path> files = Files.list(SPECS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.endsWith(".notation.json")))
                    .containsExactlyInAnyOrderElementsOf(SEEDS);
        }
        for (String name : SEEDS) {
            JsonObject spec = JsonParser.parseString(Files.readString(SPECS.resolve(name))).getAsJsonObject();
            assertThat(spec.keySet()).as(name + " holds only layers: inputs come from the data").containsExactly("layers");
            JsonArray layers = spec.getAsJsonArray("layers");
            checkLayers(name, layers);
            JsonObject last = layers.get(layers.size() - 1).getAsJsonObject();
            assertThat(last.get("type").getAsString()).as(name + " ends with a linear layer").isEqualTo("linear");
            assertThat(last.has("units")).as(name + " leaves the output width to the data").isFalse();
        }
    }

    /** Z₂ = ReLU(W₂·tanh(W₁X + b₁) + b₂) + W_s·X: the skip starts at the input X, as in the seed. */
    @Test
    void theMykhalchukSpecHasTheSkipConnectionFromTheInput() throws IOException {
        JsonArray layers = JsonParser.parseString(Files.readString(SPECS.resolve("mykhalchuk.json")))
                .getAsJsonObject().getAsJsonArray("layers");
        JsonObject add = layers.get(0).getAsJsonObject();
        assertThat(add.get("type").getAsString()).isEqualTo("add");
        JsonArray branches = add.getAsJsonArray("branches");
        assertThat(branches.get(0).getAsJsonArray()).extracting(e -> e.getAsJsonObject().get("type").getAsString())
                .containsExactly("linear", "tanh", "linear", "relu");
        JsonObject skip = branches.get(1).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(skip.get("type").getAsString()).isEqualTo("linear");
        assertThat(skip.get("bias").getAsBoolean()).isFalse();
    }

    @Test
    void theChauSpecHasThirtyParametersForTwoInputsAndOneOutput() throws IOException {
        JsonArray layers = JsonParser.parseString(Files.readString(SPECS.resolve("chau.json")))
                .getAsJsonObject().getAsJsonArray("layers");
        int width = 2;
        int parameters = 0;
        for (JsonElement e : layers) {
            JsonObject layer = e.getAsJsonObject();
            if (layer.get("type").getAsString().equals("linear")) {
                int units = layer.has("units") ? layer.get("units").getAsInt() : 1;
                parameters += width * units + units;
                width = units;
            }
        }
        assertThat(parameters).isEqualTo(30);
    }

    @Test
    void theReadmeNamesEverySpec() throws IOException {
        String readme = Files.readString(SPECS.resolve("README.md"));
        assertThat(SEEDS).allSatisfy(name -> assertThat(readme).contains(name));
    }

    private static void checkLayers(String name, JsonArray layers) {
        assertThat(layers.size()).as(name).isPositive();
        for (JsonElement e : layers) {
            JsonObject layer = e.getAsJsonObject();
            String type = layer.get("type").getAsString();
            assertThat(TYPES).as(name).contains(type);
            if (type.equals("add")) {
                for (JsonElement branch : layer.getAsJsonArray("branches")) {
                    checkLayers(name, branch.getAsJsonArray());
                }
            }
        }
    }
}
