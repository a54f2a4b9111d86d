package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of the issue: exit 2, exactly one line on stderr that names the file, line, column or value
 * at fault, no stack trace, and no output file.
 */
class BadInputTest {
    @TempDir
    Path dir;
    Path model;
    Path out;

    @BeforeEach
    void trainAModel() throws IOException {
        model = TestData.model(dir);
        out = dir.resolve("out");
    }

    /** Runs train with {@code args} plus every output option, and checks the failure's shape. */
    private String trainFails(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(Arrays.asList(args));
        if (!all.contains("--epochs")) {
            all.addAll(List.of("--epochs", "1"));
        }
        all.addAll(List.of("--out", out.resolve("m.safetensors").toString(), "--log", out.resolve("log.csv").toString(),
                "--report", out.resolve("report").toString()));
        return fails(all.toArray(String[]::new));
    }

    private String fails(String... args) throws IOException {
        Cli r = Cli.run(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        String line = r.errLines()[0];
        assertThat(line).startsWith("nabla: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).as("no output written").doesNotExist();
        assertThat(tmpFiles()).as("no temporary files left").isEmpty();
        return line;
    }

    private List<Path> tmpFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private String csv(String name, String text) throws IOException {
        return TestData.write(dir, name, text).toString();
    }

    @Test
    void missingFile() throws IOException {
        assertThat(trainFails("--data", dir.resolve("nope.csv").toString())).contains("nope.csv");
        assertThat(fails("eval", "--model", dir.resolve("nope.safetensors").toString(), "--data", "iris"))
                .contains("nope.safetensors");
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(trainFails("--data", csv("empty.csv", ""))).contains("empty.csv");
    }

    @Test
    void raggedRow() throws IOException {
        assertThat(trainFails("--data", csv("ragged.csv", "a,b,y\n1,2,x\n3,z\n4,5,w\n")))
                .contains("ragged.csv").contains("3");
    }

    @Test
    void aTextCellInAColumnGivenAsNumeric() throws IOException {
        assertThat(trainFails("--data", csv("text.csv", "a,b,y\n1,2,x\n3,abc,z\n4,5,w\n"), "--numeric", "b"))
                .contains("text.csv:3:2").contains("abc").contains("--numeric");
    }

    @Test
    void infinityAndNumbersBeyondFloat32() throws IOException {
        assertThat(trainFails("--data", csv("inf.csv", "a,b,y\n1,2,x\n3,4,z\n4,Infinity,w\n"))).contains("inf.csv:4:2");
        assertThat(trainFails("--data", csv("big.csv", "a,b,y\n1,2,x\n3,1e40,z\n"))).contains("big.csv:3:2").contains("1e40");
    }

    @Test
    void columnOptionsNamingNoColumn() throws IOException {
        String f = csv("c.csv", "a,b,y\n1,2,x\n3,4,z\n5,6,x\n");
        assertThat(trainFails("--data", f, "--categorical", "colour")).contains("c.csv").contains("--categorical")
                .contains("'colour'");
        assertThat(trainFails("--data", f, "--ignore", "a,b")).contains("c.csv").contains("no input column");
        assertThat(trainFails("--data", f, "--numeric", "a", "--ignore", "a")).contains("'a'").contains("two kinds");
        assertThat(trainFails("--data", csv("none.csv", "a,y\n1,\n2,NA\n"))).contains("none.csv").contains("every row");
    }

    @Test
    void unknownTargetColumn() throws IOException {
        assertThat(trainFails("--data", csv("t.csv", "a,b,y\n1,2,x\n3,4,z\n"), "--target", "colour")).contains("colour");
    }

    @Test
    void singleClass() throws IOException {
        assertThat(trainFails("--data", csv("one.csv", "a,b,y\n1,2,x\n3,4,x\n5,6,x\n7,8,x\n"))).contains("single class");
    }

    @Test
    void aColumnTheModelNeedsIsMissingAtPredict() throws IOException {
        String narrow = csv("narrow.csv", "x,z,colour\n1,3,red\n4,6,blue\n");
        assertThat(fails("predict", "--model", model.toString(), "--data", narrow, "--out", out.toString()))
                .contains("narrow.csv").contains("no column 'y'");
    }

    @Test
    void unknownOption() throws IOException {
        assertThat(trainFails("--learning-speed", "3")).contains("--learning-speed");
    }

    @Test
    void badOptionValues() throws IOException {
        assertThat(trainFails("--lr", "-0.1")).contains("--lr").contains("-0.1");
        assertThat(trainFails("--lr", "0")).contains("--lr");
        assertThat(trainFails("--batch-size", "0")).contains("--batch-size").contains("0");
        assertThat(trainFails("--epochs", "-3")).contains("--epochs").contains("-3");
        assertThat(trainFails("--validation", "1.5")).contains("--validation").contains("1.5");
        assertThat(trainFails("--validation", "0.5", "--test", "0.5")).contains("--validation").contains("--test");
        assertThat(trainFails("--batch-size", "lots")).contains("--batch-size").contains("lots");
        assertThat(trainFails("--scale", "log")).contains("log");
        assertThat(trainFails("--optimizer", "adamax")).contains("adamax");
        assertThat(trainFails("--optimizer", "rmsprop:momentum=-1")).contains("--optimizer").contains("momentum");
        assertThat(trainFails("--optimizer", "rmsprop:nesterov=1")).contains("--optimizer").contains("nesterov")
                .contains("alpha, eps, momentum, centered");
        assertThat(trainFails("--optimizer", "lbfgs", "--batch-size", "16")).contains("--batch-size").contains("lbfgs");
        assertThat(trainFails("--weight-decay", "-1")).contains("--weight-decay");
        assertThat(trainFails("--schedule", "linear")).contains("--schedule").contains("linear")
                .contains("constant, step, exponential, cosine, onecycle, plateau");
        assertThat(trainFails("--schedule", "step")).contains("--schedule").contains("step_size");
        assertThat(trainFails("--schedule", "cosine:t_mult=0.5")).contains("--schedule").contains("t_mult");
        assertThat(trainFails("--warmup", "-5")).contains("--warmup").contains("-5");
        assertThat(trainFails("--clip-norm", "0")).contains("--clip-norm");
        assertThat(trainFails("--clip-value", "-1")).contains("--clip-value");
        assertThat(trainFails("--optimizer", "lbfgs", "--clip-norm", "1")).contains("--clip-norm").contains("lbfgs");
        assertThat(trainFails("--loss", "huber:0")).contains("--loss").contains("delta");
        assertThat(trainFails("--loss", "huber:delta=1,beta=2")).contains("--loss").contains("beta");
        assertThat(trainFails("--label-smoothing", "1.5")).contains("--label-smoothing").contains("1.5");
        assertThat(trainFails("--loss", "mse", "--label-smoothing", "0.1", "--data", dir.resolve("nothing.csv").toString()))
                .contains("--label-smoothing").contains("mse").doesNotContain("nothing.csv");
        assertThat(trainFails("--loss", "hinge")).contains("hinge");
        assertThat(trainFails("--layers", "64:swish")).contains("swish");
        assertThat(trainFails("--layers", "8:elu(0)")).contains("--layers").contains("elu alpha");
        assertThat(trainFails("--dropout", "1")).contains("--dropout").contains("1.0");
        assertThat(trainFails("--dropout", "-0.2")).contains("--dropout").contains("-0.2");
        assertThat(trainFails("--dropout", "0.2", "--model-spec", "spec.json")).contains("--dropout").contains("--model-spec");
        assertThat(trainFails("--batch-norm", "--init", model.toString())).contains("--batch-norm").contains("--init");
    }

    @Test
    void batchNormWithABatchOfOneRowIsRefusedNamingTheBatchSize() throws IOException {
        assertThat(trainFails("--data", "iris", "--batch-norm", "--batch-size", "1")).contains("batch norm")
                .contains("batches of 1");
    }

    @Test
    void anUnknownOptimizerIsRefusedBeforeAnyDataIsRead() throws IOException {
        String line = trainFails("--optimizer", "bogus", "--lr", "0.01", "--weight-decay", "1e-4",
                "--data", dir.resolve("no-such.csv").toString());
        assertThat(line).contains("--optimizer").contains("bogus").doesNotContain("no-such.csv");
        String schedule = trainFails("--schedule", "warmup", "--data", dir.resolve("no-such.csv").toString());
        assertThat(schedule).contains("--schedule").contains("warmup").doesNotContain("no-such.csv");
    }

    @Test
    void corruptModelFile() throws IOException {
        Path corrupt = dir.resolve("corrupt.safetensors");
        Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertThat(fails("predict", "--model", corrupt.toString(), "--data", "iris", "--out", out.toString()))
                .contains("corrupt.safetensors");
        assertThat(fails("train", "--init", corrupt.toString(), "--data", "iris", "--out", out.toString()))
                .contains("corrupt.safetensors");
    }

    @Test
    void truncatedModelFile() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
        assertThat(fails("eval", "--model", truncated.toString(), "--data", dir.resolve("good.csv").toString()))
                .contains("truncated.safetensors");
        assertThat(fails("summary", "--model", truncated.toString())).contains("truncated.safetensors");
    }

    @Test
    void badModelSpec() throws IOException {
        String spec = csv("spec.json", "{\"layers\": [{\"type\": \"relu6\"}, {\"type\": \"linear\"}]}");
        assertThat(trainFails("--model-spec", spec)).contains("spec.json").contains("relu6");
        assertThat(trainFails("--model-spec", spec, "--layers", "8:relu")).contains("--layers").contains("--model-spec");
    }

    @Test
    void modelAndDataThatDoNotFit() throws IOException {
        // A model of colours evaluated on digits: wrong number of features.
        assertThat(fails("eval", "--model", model.toString(), "--data", "digits")).contains("digits").contains("no column 'x'");
    }
}
