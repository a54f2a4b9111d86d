package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.io.Safetensors;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs of issue 11 that are not about outputs, each as the new user typed it: exit 2, one short line
 * on stderr naming the file, line, option or value, no stack trace, and nothing written.
 */
class HostileInputTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void trainAModel() throws IOException {
        model = TestData.model(dir);
    }

    /** Exit 2 and exactly one line on stderr, short, without a Java class name or trace; returns the line. */
    private static String fails(String... args) {
        Cli r = Cli.run(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        String line = r.errLines()[0];
        assertThat(line).startsWith("nabla: ").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("For input string").doesNotContain("LENIENT").hasSizeLessThan(400);
        return line;
    }

    @Test
    void layerSizesThatOverflowOrExceedTheHeapAreBadInputBeforeAnyData() throws IOException {
        assertThat(fails("train", "--layers", "99999999:relu", "--data", dir.resolve("absent.csv").toString()))
                .contains("--layers 99999999:relu").contains("99999999").contains("more than a Java array holds")
                .doesNotContain("absent.csv");
        assertThat(fails("train", "--layers", "40000:relu,40000:relu")).contains("--layers 40000:relu,40000:relu")
                .contains("GB; the Java heap holds at most").contains("NABLA_JAVA_OPTS=-Xmx");
        assertThat(fails("train", "--layers", "99999999999:relu")).contains("99999999999 units is more than a layer can have");
        Path wide = TestData.write(dir, "wide.json", "{\"layers\": [{\"type\": \"linear\", \"units\": 99999999}, "
                + "{\"type\": \"relu\"}, {\"type\": \"linear\", \"units\": 99999999}]}");
        assertThat(fails("summary", "--model-spec", wide.toString()))
                .contains("Linear(64 → 99999999) needs 6,499,999,935 numbers in one tensor");
        assertThat(fails("explain", "--rows", "2000000000")).contains("a batch of 2000000000 rows of 2 inputs needs");
        assertThat(fails("gradcheck", "--batch", "2000000000")).contains("a batch of 2000000000 rows of 6 inputs needs");
        assertThat(fails("gradcheck", "--inputs", "2000000000")).contains("Linear(2000000000 → 8) needs 16,000,000,008 numbers");
    }

    @Test
    void aSmallModelFileDeclaringHugeLayersFailsInEveryCommand() throws IOException {
        Path liar = rewrite("liar.safetensors", t -> { }, json -> json.replace("\"units\":4}", "\"units\":40000}")
                .replace("{\"type\":\"linear\",\"units\":3}", "{\"type\":\"linear\",\"units\":40000},{\"type\":\"relu\"},"
                        + "{\"type\":\"linear\",\"units\":3}"));
        assertThat(Files.size(liar)).isLessThan(2048);
        String data = dir.resolve("good.csv").toString();
        for (String[] args : new String[][] {{"summary", "--model", liar.toString()},
                {"eval", "--model", liar.toString(), "--data", data},
                {"predict", "--model", liar.toString(), "--data", data},
                {"gradcheck", "--model", liar.toString(), "--data", data},
                {"train", "--init", liar.toString(), "--data", data, "--epochs", "1"}}) {
            assertThat(fails(args)).as(args[0]).contains("liar.safetensors").contains("parameters, but the file's tensors");
        }
    }

    @Test
    void nanWeightsAreRefusedWhenTheModelIsLoaded() throws IOException {
        Path poisoned = rewrite("nan.safetensors", t -> {
            Tensor w = t.get("0.weight").copy();
            w.set(0, 1, Float.NaN);
            t.put("0.weight", w);
        }, json -> json);
        assertThat(fails("predict", "--model", poisoned.toString(), "--data", dir.resolve("good.csv").toString()))
                .contains("nan.safetensors").contains("\"0.weight\" holds NaN at [0, 1]");
    }

    @Test
    void aCsvGivenAsTheModelIsSaidToBeText() {
        assertThat(fails("summary", "--model", dir.resolve("good.csv").toString()))
                .contains("good.csv: not a safetensors file (it begins with the text \"x,y,colo");
    }

    @Test
    void hugeIntegerClassLabelsStayDistinct() throws IOException {
        Path ids = TestData.write(dir, "ids.csv", "x,y\n1,10000000000000000000\n2,20000000000000000000\n"
                + "3,10000000000000000000\n4,20000000000000000000\n5,16777217\n6,16777216\n");
        Cli r = Cli.run("train", "--data", ids.toString(), "--epochs", "1", "--test", "0", "--validation", "0");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("multiclass, 4 classes");
    }

    @Test
    void textFilesThatAreNotPlainUtf8CsvAreOneLine() throws IOException {
        Path utf16 = Files.write(dir.resolve("u16.csv"), "a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_16));
        assertThat(fails("train", "--data", utf16.toString())).contains("u16.csv: UTF-16 text");
        Path latin1 = Files.write(dir.resolve("l1.csv"), "a,b\n1,Li\u00e8ge\n2,y\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(fails("train", "--data", latin1.toString())).contains("l1.csv: not UTF-8 text at byte 8");
        Path gz = dir.resolve("good.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(dir.resolve("good.csv")));
        }
        assertThat(Cli.run("train", "--data", gz.toString(), "--epochs", "1").code()).isZero();
    }

    @Test
    void hugeCellsHeadersAndUnclosedQuotesAreShownShort() throws IOException {
        Path cell = TestData.write(dir, "cell.csv", "a,b\n1,x\n" + "9".repeat(10_000_000) + ",y\n");
        assertThat(fails("train", "--data", cell.toString())).contains("cell.csv:3:1 (column 'a'): '9999")
                .contains("beyond float32's range");
        Path header = TestData.write(dir, "header.csv", "a," + "h".repeat(500_000) + "\n1,inf\n");
        assertThat(fails("train", "--data", header.toString())).contains("header.csv:2:2").contains("not a finite number");
        Path quote = TestData.write(dir, "quote.csv", "a,b\n1,x\n2,y\n3,\"z\n" + "4,w\n".repeat(200));
        assertThat(fails("train", "--data", quote.toString()))
                .isEqualTo("nabla: " + quote + ":4: a quoted field opened on this line is never closed (it runs to the "
                        + "end of the file)");
    }

    @Test
    void malformedJsonIsNotAnsweredWithGsonsAdvice() throws IOException {
        Path spec = TestData.write(dir, "spec.json", "{\"layers\": [{'type': 'relu'}]}");
        assertThat(fails("train", "--model-spec", spec.toString())).contains("spec.json: malformed JSON: not strict JSON");
    }

    @Test
    void notANumberIsSaidInWords() {
        assertThat(fails("train", "--layers", "8:leaky_relu(nan)")).contains("the slope 'nan' is not a finite number");
        assertThat(fails("train", "--threshold", "nan")).contains("--threshold must be auto or a probability");
    }

    @Test
    void patienceWithoutValidationRowsWatchesTheTrainingLoss() {
        Cli r = Cli.run("train", "--data", "iris", "--validation", "0", "--patience", "2", "--epochs", "400", "--lr", "0.5");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("stopped early");
    }

    @Test
    void outOfMemoryAnywhereIsOneLineWithTheWayOut() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Exhausting()).setErr(new java.io.PrintWriter(err, true));
        assertThat(new Errors(false).run(cli, new String[0])).isEqualTo(2);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("nabla: out of memory (Java heap space); the data or the network is too large for this heap of ")
                .contains("; raise -Xmx with NABLA_JAVA_OPTS, e.g. NABLA_JAVA_OPTS=-Xmx");
    }

    /** A command that runs out of heap, as a too large input would anywhere. */
    @picocli.CommandLine.Command(name = "exhausting")
    static final class Exhausting implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** A copy of the trained model with its tensors and its metadata JSON edited. */
    private Path rewrite(String name, java.util.function.Consumer<Map<String, Tensor>> tensors,
                         java.util.function.UnaryOperator<String> json) throws IOException {
        Safetensors.Contents c = Safetensors.read(model);
        Map<String, Tensor> t = new LinkedHashMap<>(c.tensors());
        tensors.accept(t);
        Map<String, String> metadata = new LinkedHashMap<>(c.metadata());
        metadata.put("nabla", json.apply(metadata.get("nabla")));
        Path to = dir.resolve(name);
        Safetensors.write(to, t, metadata);
        return to;
    }
}
