package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nabla export: the file, the interface it prints, and one line for what cannot be done. */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportsATableModelAndPrintsItsInputsAndOutputs() throws Exception {
        Path model = dir.resolve("m.safetensors");
        Cli train = Cli.run("train", "--data", "penguins", "--layers", "4:relu", "--epochs", "2", "--out",
                model.toString());
        assertThat(train.code()).as(train.toString()).isZero();
        Path onnx = dir.resolve("m.onnx");
        Cli export = Cli.run("export", "--model", model.toString(), "--out", onnx.toString());
        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(export.out()).contains("input   island: string [N, 1]").contains("input   bill_length_mm: float [N, 1]")
                .contains("output  probabilities: float [N, 3]").contains("output  label: string [N]")
                .contains("format  ONNX IR 8, opset 17, ai.onnx.ml 3");
        assertThat(onnx).isNotEmptyFile();
        assertThat(export.err()).contains("nabla: wrote " + onnx);
    }

    /** ONNX Runtime checks the exports in nabla-onnx's tests only: it never reaches the command line's class path. */
    @Test
    void onnxRuntimeIsNotOnTheCommandLinesClassPath() {
        assertThatThrownBy(() -> Class.forName("ai.onnxruntime.OrtEnvironment"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aMissingModelOrADirectoryAsOutputIsOneLine() throws Exception {
        Cli missing = Cli.run("export", "--model", dir.resolve("none.safetensors").toString(), "--out",
                dir.resolve("x.onnx").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.errLines()).hasSize(1);
        Cli directory = Cli.run("export", "--model", "m.safetensors", "--out", dir.toString());
        assertThat(directory.code()).isEqualTo(2);
        assertThat(directory.errLines()).singleElement().asString().contains("is a directory");
    }
}
