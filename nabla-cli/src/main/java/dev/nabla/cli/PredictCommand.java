package dev.nabla.cli;

import dev.nabla.io.AtomicFiles;

import dev.nabla.data.Datasets;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nabla predict}: CSV in, CSV out — per row the predicted class and the class probabilities, or the
 * predicted value. Numbers are printed in their shortest exact form, so equal models print equal files.
 */
@Command(name = "predict", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Predicts every row of a CSV file (or dataset) with a saved model and writes CSV:",
                "predicted,prob_<class>... for classes, predicted for numbers. A target column, if present, is ignored."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file written by 'nabla train --out'.")
    Path model;

    @Option(names = "--data", paramLabel = "FILE|NAME", required = true,
            description = "A CSV file with the model's feature columns (by name, else by position), or a dataset name.")
    String data;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the predictions here instead of stdout.")
    Path out;

    @Override
    public Integer call() throws Exception {
        new Outputs(new Checks(spec.commandLine())).input("--model", model).input("--data", data).file("--out", out).check();
        TrainedModel m = Models.load(model);
        Tensor features = features(m);
        String csv = csv(m, m.predict(features));
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(csv);
            stdout.flush();
        } else {
            AtomicFiles.writeString(out, csv);
            spec.commandLine().getErr().println("nabla: " + features.rows() + " predictions written to " + out);
        }
        return Errors.OK;
    }

    private Tensor features(TrainedModel m) {
        return Datasets.features(data, m.pipeline());
    }

    static String csv(TrainedModel m, Prediction p) {
        StringBuilder sb = new StringBuilder();
        List<String> classes = m.classNames();
        if (p.classes() == null) {
            sb.append("predicted\n");
            for (float v : p.values()) {
                sb.append(v).append('\n');
            }
            return sb.toString();
        }
        sb.append("predicted");
        for (String c : classes) {
            sb.append(',').append(quote("prob_" + c));
        }
        sb.append('\n');
        Tensor probabilities = p.probabilities();
        for (int i = 0; i < p.rows(); i++) {
            sb.append(quote(classes.get(p.classes()[i])));
            for (int k = 0; k < classes.size(); k++) {
                sb.append(',').append((float) probabilities.get(i, k));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** RFC 4180 quoting, only where a field needs it. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
