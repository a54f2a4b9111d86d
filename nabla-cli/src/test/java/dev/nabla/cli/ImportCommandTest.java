package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nabla import with the options each fixture of scripts/torch-import/make-fixtures.py names, then nabla predict on
 * the rows PyTorch ran: the same probabilities or values.
 */
class ImportCommandTest {
    static final Path FIXTURES = Path.of("..", "nabla-core", "src", "test", "resources", "torch-import");

    @TempDir
    Path dir;

    @Test
    void everyFixtureImportsAndPredictsAsPyTorch() throws Exception {
        List<String> fixtures = Files.readAllLines(FIXTURES.resolve("fixtures.txt")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(fixtures).hasSize(5);
        for (String line : fixtures) {
            String[] fields = line.split("\t");
            String name = fields[0];
            Path model = dir.resolve(name + ".safetensors");
            List<String> args = new ArrayList<>(List.of("import", "--weights",
                    FIXTURES.resolve(name + ".safetensors").toString(), "--out", model.toString()));
            for (String option : fields[2].split(" ")) {
                args.add(option.endsWith(".json") ? FIXTURES.resolve(option).toString() : option);
            }
            Cli imported = Cli.run(args.toArray(String[]::new));
            assertThat(imported.code()).as(imported.toString()).isZero();
            assertThat(imported.err()).contains("model saved to " + model);

            Path data = FIXTURES.resolve(name + ".csv");
            Cli predict = Cli.run("predict", "--model", model.toString(), "--data", data.toString());
            assertThat(predict.code()).as(predict.toString()).isZero();
            List<String> expected = Files.readAllLines(data);
            List<String> actual = predict.out().lines().toList();
            assertThat(actual).hasSameSizeAs(expected);
            int inputs = (int) Arrays.stream(expected.get(0).split(",")).filter(c -> c.matches("x\\d+")).count();
            for (int i = 1; i < expected.size(); i++) {
                String[] want = expected.get(i).split(",");
                String[] got = actual.get(i).split(",");
                // predict writes the label first (for classes), then the probabilities or the value.
                int offset = got.length - (want.length - inputs);
                for (int k = inputs; k < want.length; k++) {
                    assertThat(Double.parseDouble(got[offset + k - inputs])).as("%s row %d column %d", name, i, k)
                            .isCloseTo(Double.parseDouble(want[k]), within(1e-5));
                }
            }
        }
    }

    @Test
    void aMismatchIsOneLineNamingTheTensor() {
        Cli cli = Cli.run("import", "--weights", FIXTURES.resolve("dropout_between.safetensors").toString(),
                "--layers", "8:relu", "--inputs", "4", "--classes", "a,b,c", "--out", dir.resolve("m.safetensors").toString());
        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.errLines()).singleElement().asString().contains("tensor \"2.weight\" of shape [3, 8] is missing")
                .contains("the file holds 0.bias [8], 0.weight [8, 4], 3.bias [3], 3.weight [3, 8]");
    }

    @Test
    void classesOrRegressionMustBeSaidAndFeaturesCounted() {
        String weights = FIXTURES.resolve("iris_like.safetensors").toString();
        String out = dir.resolve("m.safetensors").toString();
        Cli none = Cli.run("import", "--weights", weights, "--layers", "8:relu", "--inputs", "4", "--out", out);
        assertThat(none.code()).isEqualTo(2);
        Cli one = Cli.run("import", "--weights", weights, "--layers", "8:relu", "--inputs", "4", "--classes", "a",
                "--out", out);
        assertThat(one.errLines()).singleElement().asString().contains("--classes needs at least two distinct names");
        Cli counted = Cli.run("import", "--weights", weights, "--layers", "8:relu", "--inputs", "3", "--features",
                "a,b,c,d", "--classes", "a,b,c", "--out", out);
        assertThat(counted.errLines()).singleElement().asString().contains("--features names 4 columns but --inputs is 3");
    }
}
