package dev.nabla.cli;

import dev.nabla.onnx.OnnxExport;
import dev.nabla.train.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nabla export}: a model file as an ONNX model that predicts what {@code nabla predict} predicts. */
@Command(name = "export", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Writes a model as an ONNX file that predicts what 'nabla predict' predicts.",
                "ONNX IR 8, opset 17 with ai.onnx.ml 3, a dynamic batch N: the pipeline, scaling, network and output "
                        + "function are inside the graph.",
                "Inputs: 'features' float [N, F] for numeric features only; else one input [N, 1] per raw column "
                        + "(string for categories, float with NaN for missing numbers).",
                "Outputs: 'probabilities' float [N, K] and 'label' string [N], or 'value' float [N, 1]. Prints the "
                        + "inputs and outputs."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file written by 'nabla train --out'.")
    Path model;

    @Option(names = "--out", paramLabel = "FILE.onnx", required = true, description = "The ONNX file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        new Outputs(new Checks(spec.commandLine())).input("--model", model).file("--out", out).check();
        TrainedModel m = Models.load(model);
        byte[] onnx = OnnxExport.write(m, out);
        PrintWriter stdout = spec.commandLine().getOut();
        OnnxExport.describe(onnx).forEach(stdout::println);
        stdout.flush();
        spec.commandLine().getErr().println("nabla: wrote " + out + " (" + onnx.length + " bytes)");
        return Errors.OK;
    }
}
