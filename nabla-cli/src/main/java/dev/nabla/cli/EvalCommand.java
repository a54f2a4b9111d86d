package dev.nabla.cli;

import dev.nabla.data.Dataset;
import dev.nabla.train.Evaluation;
import dev.nabla.train.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nabla eval}: a saved model's metrics on labelled data, with the confusion matrix as a table. */
@Command(name = "eval", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Scores a model on labelled data: metrics, then (for classes) the confusion matrix",
                "and per-class precision, recall and F1. A dataset's own test set is used when it has one."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file written by 'nabla train --out'.")
    Path model;

    @Option(names = "--data", paramLabel = "NAME|FILE", required = true,
            description = "Labelled rows: an embedded dataset, fashion-mnist, an IDX directory or a CSV file.")
    String data;

    @Option(names = "--target", paramLabel = "COL", description = "The CSV column holding the truth (default: the model's target).")
    String target;

    @Override
    public Integer call() throws Exception {
        TrainedModel m = Models.load(model);
        Dataset rows = Models.labelled(data, target, m);
        Evaluation scores = Evaluation.of(m, rows);
        PrintWriter out = spec.commandLine().getOut();
        out.println(rows.rows() + " rows of " + data);
        scores.metrics().forEach((name, value) -> out.println(String.format(Locale.ROOT, "%-10s %.4f", name, value)));
        if (scores.confusion() != null) {
            out.println();
            out.println("confusion matrix (rows: actual, columns: predicted)");
            out.print(scores.confusion().table(m.classNames()));
            out.println();
            out.print(scores.confusion().report(m.classNames()));
        }
        out.flush();
        return Errors.OK;
    }
}
