package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shape of every failure: one line on stderr naming the culprit, exit 2 for bad input, traces only on request. */
class ErrorsTest {
    @Test
    void anUnknownOptionIsOneLineAndExitTwo() {
        Cli r = Cli.run("gradcheck", "--frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("nabla: ").contains("--frobnicate").contains("nabla gradcheck --help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownCommandIsExitTwo() {
        Cli r = Cli.run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("frobnicate");
    }

    @Test
    void aBadValueNamesTheOptionAndTheValue() {
        Cli r = Cli.run("gradcheck", "--batch", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--batch").contains("0");
        Cli notANumber = Cli.run("gradcheck", "--batch", "many");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.errLines()).singleElement().asString().contains("--batch").contains("many");
    }

    @Test
    void aBadLayerStringIsBadInput() {
        Cli r = Cli.run("gradcheck", "--layers", "64:swish");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("swish");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Cli r = Cli.run("gradcheck", "--layers", "64:swish", "--verbose");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("\tat dev.nabla.");
    }

    @Test
    void internalErrorsAreExitOne() {
        Errors errors = new Errors(false);
        java.io.StringWriter text = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Nabla()).setErr(new java.io.PrintWriter(text));
        int code = errors.handleExecutionException(new IllegalStateException("broken invariant"), cli, null);
        assertThat(code).isEqualTo(1);
        assertThat(text.toString().strip()).isEqualTo(
                "nabla: internal error: java.lang.IllegalStateException: broken invariant (run with --verbose for the stack trace)");
    }

    @Test
    void aProgramsIllegalArgumentIsAnInternalErrorNotBadInput() {
        assertThat(Errors.isBadInput(new IllegalArgumentException("broken precondition"))).isFalse();
        assertThat(Errors.isBadInput(new dev.nabla.tensor.ShapeException("matmul: [2, 3] · [4, 5]"))).isFalse();
        assertThat(Errors.isBadInput(new dev.nabla.data.DataException("x.csv:2:3: not a number"))).isTrue();
    }

    @Test
    void fileSystemExceptionsWithoutAReasonAreSaidInWords() {
        assertThat(Errors.describe(new java.nio.file.FileAlreadyExistsException("out/m.safetensors")))
                .isEqualTo("out/m.safetensors: already exists (and is not a directory)");
        assertThat(Errors.describe(new java.nio.file.DirectoryNotEmptyException("report")))
                .isEqualTo("report: directory not empty");
    }

    @Test
    void missingFilesAreNamed() {
        assertThat(Errors.describe(new java.nio.file.NoSuchFileException("data/x.csv"))).isEqualTo("no such file: data/x.csv");
        assertThat(Errors.isBadInput(new java.nio.file.AccessDeniedException("m.safetensors"))).isTrue();
        assertThat(Errors.isBadInput(new NullPointerException())).isFalse();
    }

    @Test
    void helpAndVersionSucceed() {
        Cli help = Cli.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("gradcheck");
        Cli version = Cli.run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("nabla ");
    }
}
