package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs never destroy data: each case of the issue is refused before any work (one line, exit 2, every file as it
 * was), or written through rather than replaced. Devices are private copies made with mknod, so that a regression can
 * never replace the machine's own /dev/null or /dev/full.
 */
class SafeOutputsTest {
    @TempDir
    Path dir;
    Path data;
    byte[] dataBytes;

    @BeforeEach
    void writeData() throws IOException {
        data = TestData.blobs(dir, "data.csv", 20);
        dataBytes = Files.readAllBytes(data);
    }

    /** Exit 2, one line naming {@code names}, nothing trained (no progress line), the data as it was, no temporaries. */
    private void refusedBeforeWork(Cli r, String... names) throws IOException {
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).singleElement().asString().startsWith("nabla: ").contains(names);
        assertThat(Files.readAllBytes(data)).as("the input is untouched").isEqualTo(dataBytes);
        assertThat(temporaries()).isEmpty();
    }

    private String[] train(String... more) {
        String[] base = {"train", "--data", data.toString(), "--layers", "4:tanh", "--epochs", "1"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void anOutputThatIsTheInputIsRefusedBeforeTraining() throws IOException {
        refusedBeforeWork(Cli.run(train("--out", data.toString())), "--out", "--data", "destroy the input");
        Path link = Files.createSymbolicLink(dir.resolve("alias.csv"), data);
        refusedBeforeWork(Cli.run(train("--log", link.toString())), "--log", "--data");
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), data);
        refusedBeforeWork(Cli.run(train("--out", hardLink.toString())), "--out", "--data");
    }

    @Test
    void twoOutputsOnOneFileAreRefused() throws IOException {
        Path x = dir.resolve("x");
        refusedBeforeWork(Cli.run(train("--out", x.toString(), "--log", x.toString())), "--out", "--log", "same file");
        assertThat(x).doesNotExist();
        Path report = dir.resolve("report");
        refusedBeforeWork(Cli.run(train("--log", report.resolve("loss.png").toString(), "--report", report.toString())),
                "--log", "--report");
    }

    @Test
    void predictionsOntoTheirOwnInputOrModelAreRefused() throws IOException {
        Path model = dir.resolve("m.safetensors");
        assertThat(Cli.run(train("--out", model.toString())).code()).isZero();
        byte[] modelBytes = Files.readAllBytes(model);
        refusedBeforeWork(Cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--out",
                data.toString()), "--out", "--data");
        refusedBeforeWork(Cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--out",
                model.toString()), "--out", "--model");
        assertThat(Files.readAllBytes(model)).isEqualTo(modelBytes);
    }

    @Test
    void anUnwritableOutputIsFoundBeforeTraining() throws IOException {
        refusedBeforeWork(Cli.run(train("--out", data.resolve("m.safetensors").toString())), "--out",
                data + " is not a directory");
        Files.createDirectories(dir.resolve("taken"));
        refusedBeforeWork(Cli.run(train("--log", dir.resolve("taken").toString())), "--log", "is a directory");
        refusedBeforeWork(Cli.run(train("--report", data.toString())), "--report", "is a file");
    }

    @Test
    void aSymlinkedOutputIsWrittenThroughAndStaysALink() throws IOException {
        Path real = dir.resolve("models/real.safetensors");
        Files.createDirectories(real.getParent());
        Path link = Files.createSymbolicLink(dir.resolve("latest.safetensors"), real);
        Cli r = Cli.run(train("--out", link.toString()));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.size(real)).isGreaterThan(100);
    }

    @Test
    void aDeviceIsWrittenThroughNeverReplaced() throws Exception {
        Path nul = device("null", 3);
        Cli r = Cli.run(train("--out", nul.toString(), "--log", nul.toString()));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readAttributes(nul, BasicFileAttributes.class).isOther()).as("still a device").isTrue();
        Path model = dir.resolve("m.safetensors");
        assertThat(Cli.run(train("--out", model.toString())).code()).isZero();
        Cli predict = Cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--out", nul.toString());
        assertThat(predict.code()).as(predict.toString()).isZero();
        assertThat(Files.readAttributes(nul, BasicFileAttributes.class).isOther()).isTrue();
    }

    @Test
    void aFailedWriteIsOneLineAndNoOtherOutputAppears() throws Exception {
        Path full = device("full", 7);
        Path model = dir.resolve("m.safetensors");
        Cli r = Cli.run(train("--out", model.toString(), "--log", full.toString()));
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()[r.errLines().length - 1]).isEqualTo("nabla: " + full + ": cannot write: No space left on device");
        assertThat(model).as("the model waits for the log: all outputs or none").doesNotExist();
        assertThat(temporaries()).isEmpty();
        assertThat(Files.readAttributes(full, BasicFileAttributes.class).isOther()).isTrue();
    }

    @Test
    void aTemporaryFileOfAKilledRunIsRemovedByTheNextSave() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path abandoned = Files.writeString(dir.resolve(".m.safetensors.nabla-" + gone.pid() + "-0123456789abcdef.tmp"),
                "half a model");
        assertThat(AtomicFiles.isTemporary(abandoned.getFileName().toString())).isTrue();
        Cli r = Cli.run(train("--out", dir.resolve("m.safetensors").toString()));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(abandoned).doesNotExist();
        assertThat(temporaries()).isEmpty();
    }

    @Test
    void resultsThatCannotReachStandardOutputAreAnError() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        StandardOutput stdout = new StandardOutput(full);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8));
        int code = Nabla.execute(new String[] {"predict", "--model", "none"}, out, new PrintWriter(err, true), stdout);
        assertThat(code).isEqualTo(2);
        code = Nabla.execute(new String[] {"datasets"}, out, new PrintWriter(err, true), stdout);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList()).last().isEqualTo(
                "nabla: cannot write the results to standard output: No space left on device");
    }

    /** A private character device (1, minor): 3 is null, 7 is full; skipped where mknod is not allowed. */
    private Path device(String name, int minor) throws Exception {
        Path p = dir.resolve(name);
        boolean made = new ProcessBuilder("mknod", p.toString(), "c", "1", Integer.toString(minor))
                .redirectErrorStream(true).start().waitFor() == 0;
        Assumptions.assumeTrue(made, "mknod needs root (CAP_MKNOD)");
        return p;
    }

    private java.util.List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> AtomicFiles.isTemporary(p.getFileName().toString())).toList();
        }
    }
}
