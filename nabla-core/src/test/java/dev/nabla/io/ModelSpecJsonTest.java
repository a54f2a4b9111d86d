package dev.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.nn.Init;
import dev.nabla.nn.ActivationSpec;
import dev.nabla.nn.AddSpec;
import dev.nabla.nn.LayerSpec;
import dev.nabla.nn.LinearSpec;
import dev.nabla.nn.ModelSpec;
import dev.nabla.tensor.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSpecJsonTest {
    @TempDir
    Path dir;

    private static final String EXAMPLE = """
            {"inputs": 4,
             "layers": [
               {"type": "linear", "units": 16},
               {"type": "tanh"},
               {"type": "leaky_relu", "slope": 0.01},
               {"type": "linear", "units": 3, "bias": false, "init": "xavier_uniform"},
               {"type": "add", "branches": [[{"type": "linear", "units": 2}, {"type": "relu"}],
                                            [{"type": "linear", "units": 2, "bias": false}]]}
             ]}""";

    @Test
    void readsTheDocumentedExample() throws IOException {
        ModelSpec spec = ModelSpecJson.read(Files.writeString(dir.resolve("spec.json"), EXAMPLE), 99, 99);
        assertThat(spec).isEqualTo(new ModelSpec(4, List.of(
                new LinearSpec(16),
                new ActivationSpec(Activation.TANH),
                new ActivationSpec(Activation.LEAKY_RELU, 0.01),
                new LinearSpec(3, false, Init.XAVIER_UNIFORM),
                new AddSpec(List.of(
                        List.of(new LinearSpec(2), new ActivationSpec(Activation.RELU)),
                        List.of(new LinearSpec(2, false, null)))))));
        assertThat(spec.outputs()).isEqualTo(2);
    }

    @Test
    void writeThenParseGivesAnEqualSpec() throws ModelFileException {
        ModelSpec spec = new ModelSpec(7, List.of(new LinearSpec(5, true, Init.HE_NORMAL),
                new ActivationSpec(Activation.LEAKY_RELU, 0.2), new ActivationSpec(Activation.SIGMOID),
                new AddSpec(List.of(List.of(new ActivationSpec(Activation.IDENTITY)),
                        List.of(new LinearSpec(5, false, Init.ZEROS), new ActivationSpec(Activation.TANH)))),
                new LinearSpec(1)));
        String json = ModelSpecJson.write(spec);
        assertThat(ModelSpecJson.parse(json, "x", 1, 1)).isEqualTo(spec);
        assertThat(ModelSpecJson.parse(ModelSpecJson.write(ModelSpec.mlp(3, "8:relu,4:tanh", 2)), "x", 1, 1))
                .isEqualTo(ModelSpec.mlp(3, "8:relu,4:tanh", 2));
    }

    @Test
    void missingInputsAndFinalUnitsComeFromTheDataset() throws ModelFileException {
        String json = "{\"layers\": [{\"type\": \"linear\", \"units\": 8}, {\"type\": \"relu\"}, {\"type\": \"linear\"},"
                + " {\"type\": \"sigmoid\"}]}";
        ModelSpec spec = ModelSpecJson.parse(json, "s.json", 13, 3);
        assertThat(spec.inputs()).isEqualTo(13);
        assertThat(spec.outputs()).isEqualTo(3);
        assertThat(spec.layers().get(0)).isEqualTo(new LinearSpec(8));
        assertThat(ModelSpecJson.parse("{\"inputs\": 2, \"layers\": [{\"type\": \"linear\"}]}", "s", 13, 3).inputs())
                .as("a stated input count wins").isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"layers\": [{\"type\": \"linear\", \"units\": 4}, {\"type\": \"relu6\"}]}       | spec.json: layers[1]: unknown type \"relu6\"",
        "{\"layers\": [{\"type\": \"linear\"}, {\"type\": \"relu\"}, {\"type\": \"linear\", \"units\": 2}]} | spec.json: layers[0]: missing \"units\"",
        "{\"layers\": [{\"type\": \"linear\", \"units\": \"16\"}]}                          | spec.json: layers[0].units: expected an integer, got the string \"16\"",
        "{\"layers\": [{\"type\": \"linear\", \"units\": 16.5}]}                            | spec.json: layers[0].units: expected an integer, got 16.5",
        "{\"layers\": [{\"type\": \"linear\", \"units\": 0}]}                               | spec.json: layers[0].units: expected an integer in [1,",
        "{\"layers\": [{\"type\": \"linear\", \"unit\": 3}]}                                | spec.json: layers[0]: unknown key \"unit\"",
        "{\"layers\": [{\"type\": \"linear\", \"bias\": 1}]}                                | spec.json: layers[0].bias: expected true or false",
        "{\"layers\": [{\"type\": \"linear\", \"init\": \"glorot\"}]}                       | spec.json: layers[0].init: unknown initialiser",
        "{\"layers\": [{\"type\": \"tanh\", \"slope\": 0.1}, {\"type\": \"linear\"}]}       | spec.json: layers[0]: unknown key \"slope\"",
        "{\"layers\": [{\"type\": \"leaky_relu\", \"slope\": 2}, {\"type\": \"linear\"}]}   | spec.json: layers[0]: leaky_relu slope must lie in (0, 1)",
        "{\"layers\": [{\"units\": 3}]}                                                     | spec.json: layers[0]: missing \"type\"",
        "{\"layers\": []}                                                                   | spec.json: layers: a network needs at least one layer",
        "{\"layers\": {}}                                                                   | spec.json: layers: expected an array",
        "{\"inputs\": -1, \"layers\": [{\"type\": \"linear\"}]}                             | spec.json: inputs: expected an integer in [1,",
        "{\"layer\": []}                                                                    | spec.json: unknown key \"layer\"",
        "{\"layers\": [{\"type\": \"add\", \"branches\": [[{\"type\": \"linear\"}], [{\"type\": \"identity\"}]]}] } | spec.json: layers[0].branches[0][0]: missing \"units\"",
        "{\"layers\": [{\"type\": \"add\", \"branches\": [[{\"type\": \"linear\", \"units\": 3}], [{\"type\": \"identity\"}]]}] } | branches end with different widths",
        "{\"layers\": [{\"type\": \"add\", \"branches\": [[{\"type\": \"relu\"}]]}] }      | spec.json: layers[0]: an add layer needs at least two branches",
        "{\"layers\": [{\"type\": \"linear\"}],}                                            | spec.json: malformed JSON",
        "{layers: [{\"type\": \"linear\"}]}                                                  | spec.json: malformed JSON",
    })
    void errorsNameTheFileAndThePathInOneLine(String json, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("spec.json"), json.strip());
        assertThatThrownBy(() -> ModelSpecJson.read(file, 4, 2)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file.getParent() + "/")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingFileIsAModelFileException() {
        assertThatThrownBy(() -> ModelSpecJson.read(dir.resolve("none.json"), 1, 1))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("none.json: no such file");
    }
}
