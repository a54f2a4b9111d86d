package dev.nabla.cli;

import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.data.Scaling;
import dev.nabla.io.ModelSpecJson;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.tensor.Threads;
import dev.nabla.metrics.Metric;
import dev.nabla.train.EpochResult;
import dev.nabla.train.Evaluation;
import dev.nabla.train.History;
import dev.nabla.train.Objective;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Training;
import dev.nabla.train.TrainingResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nabla train}: load, split, scale, train with progress on stderr, score on the held-out rows, and
 * write the requested files. Every file is written only after training succeeded, each atomically.
 */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Trains a network and reports its scores on held-out rows.",
                "Without options: a 256-128 ReLU network on the embedded digits dataset."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions o;

    @Override
    public Integer call() throws Exception {
        Checks checks = new Checks(spec.commandLine());
        o.validate(checks, spec.commandLine().getParseResult().hasMatchedOption("--layers"));
        OptimizerConfig optimizer = o.optimizer(checks);
        Objective objective = o.objective(checks);
        if (o.threads != null) {
            Threads.set(o.threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        DataSource source = Datasets.open(o.data, o.target);
        Dataset data = source.data();
        Scaling.Kind scaling = o.scaling(source.scaling());
        TrainedModel init = o.init == null ? null : Models.load(o.init);
        Training.Builder recipe = Training.builder()
                .layers(o.layers)
                .objective(objective)
                .optimizer(optimizer)
                .epochs(o.epochs == null ? 0 : o.epochs).batchSize(o.batchSize).seed(o.seed)
                .scaling(scaling).validation(o.validation).test(o.test).patience(o.patience)
                .init(init)
                .listener(Progress.forStderr(err, "nabla: training on " + data + "; " + optimizer.describe()));
        if (o.modelSpec != null) {
            Objective effective = objective != null ? objective : Objective.forTask(data.task());
            int outputs = effective.outputs(data.task(), data.isClassification() ? data.classNames().size() : 0);
            recipe.spec(ModelSpecJson.read(o.modelSpec, data.featureCount(), outputs));
        }
        TrainingResult result = recipe.build().run(source);

        TrainedModel model = result.model();
        boolean held = result.test().rows() > 0;
        Dataset scored = held ? result.test() : result.train();
        Evaluation scores = Evaluation.of(model, scored);
        String rows = (held ? (source.presetTest() != null ? "the dataset's own test set, " : "")
                : "no test rows held out, ") + scored.rows() + " rows";
        printResult(out, result.history(), scores, held, rows);

        if (o.out != null) {
            Models.save(o.out, model);
            err.println("nabla: model saved to " + o.out);
        }
        if (o.log != null) {
            EpochLog.write(o.log, result.history());
        }
        if (o.report != null) {
            new Report(data.name() + ": " + network(), configuration(optimizer, result), result.history(),
                    scores.metrics(), (held ? "test" : "training rows") + " (" + rows + ")", scores.confusion() == null ? null : scores.confusion().counts(),
                    model.classNames()).write(o.report);
            err.println("nabla: report written to " + o.report.resolve(Report.PAGE));
        }
        return Errors.OK;
    }

    /**
     * The run's results on stdout: the metrics of the epoch whose weights the model holds (the last, or the best
     * one after early stopping), then the scores on the held-out rows.
     */
    private static void printResult(PrintWriter out, History h, Evaluation scores, boolean test, String rows) {
        out.println(String.format(Locale.ROOT, "epochs      %d%s", h.epochs().size(),
                h.stoppedEarly() ? " (stopped early; weights of epoch " + h.bestEpoch() + ")" : ""));
        EpochResult kept = h.kept();
        out.println("train       " + Progress.metrics(kept.train()));
        if (!kept.validation().isEmpty()) {
            out.println("validation  " + Progress.metrics(kept.validation()));
        }
        out.println((test ? "test        " : "train set   ") + Progress.metrics(scores.metrics()) + "  (" + rows + ")");
        if (scores.confusion() != null && test) {
            out.println(String.format(Locale.ROOT, "test accuracy: %.2f%%", 100 * scores.metrics().get(Metric.ACCURACY.id())));
        }
        out.flush();
    }

    private String network() {
        return o.modelSpec != null ? o.modelSpec.getFileName().toString()
                : o.init != null ? "from " + o.init.getFileName() : o.layers;
    }

    private Map<String, String> configuration(OptimizerConfig optimizer, TrainingResult result) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("data", o.data + (o.target != null ? " (target " + o.target + ")" : ""));
        c.put("rows", result.train().rows() + " train, " + result.validation().rows() + " validation, "
                + result.test().rows() + " test");
        c.put("network", network());
        c.put("parameters", Long.toString(result.model().network().parameterCount()));
        c.put("loss", result.model().objective().id());
        c.put("optimizer", optimizer.describe());
        c.put("batch size", Integer.toString(o.batchSize));
        c.put("epochs", (o.epochs == null ? "auto, " + result.history().epochs().size() + " run" : o.epochs.toString())
                + (o.patience > 0 ? " (patience " + o.patience + ")" : ""));
        c.put("scaling", result.model().scaling().kind().id());
        c.put("seed", Long.toString(o.seed));
        c.put("threads", Integer.toString(Threads.count()));
        return c;
    }
}
