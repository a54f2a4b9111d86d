package dev.nabla.cli;

import dev.nabla.data.DataSource;
import dev.nabla.io.CheckpointFile;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.data.Scaling;
import dev.nabla.data.TableOptions;
import dev.nabla.io.AtomicFiles;
import dev.nabla.io.ModelSpecJson;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.tensor.Threads;
import dev.nabla.metrics.Metric;
import dev.nabla.spark.DataParallel;
import dev.nabla.train.EpochResult;
import dev.nabla.train.Evaluation;
import dev.nabla.train.History;
import dev.nabla.train.Prepared;
import dev.nabla.train.Objective;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Training;
import dev.nabla.train.TrainingResult;
import dev.nabla.train.TrainingState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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

    @Mixin
    TableOptionsMixin table;

    /** Whether the data is a table (CSV or embedded), which decides what {@code --layers auto} means. */
    private boolean tableSource;

    @Override
    public Integer call() throws Exception {
        if (o.resume != null) {
            return resume();
        }
        return train(null);
    }

    /**
     * {@code --resume DIR}: the newest checkpoint's run, parsed again from its own arguments (with this command's
     * {@code --out} when given), continued from its state.
     */
    private int resume() throws Exception {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (CommandLine.Model.OptionSpec option : parsed.matchedOptions()) {
            if (!option.longestName().equals("--resume") && !option.longestName().equals("--out")) {
                new Checks(spec.commandLine()).fail("--resume continues the run with its own options; give only "
                        + "--out besides it, not " + option.longestName());
            }
        }
        CheckpointFile.Checkpoint checkpoint = CheckpointFile.latest(o.resume);
        List<String> args = new ArrayList<>(checkpoint.args());
        if (o.out != null) {
            int at = args.indexOf("--out");
            if (at >= 0) {
                args.subList(at, at + 2).clear();
            }
            args.add("--out");
            args.add(o.out.toString());
        }
        TrainCommand continued = new TrainCommand();
        CommandLine cli = new CommandLine(continued).setOut(spec.commandLine().getOut()).setErr(spec.commandLine().getErr());
        cli.parseArgs(args.toArray(String[]::new));
        spec.commandLine().getErr().println("nabla: resuming " + checkpoint.file() + " (epoch "
                + checkpoint.state().epoch() + ", step " + checkpoint.state().step() + ")");
        return continued.train(checkpoint.state());
    }

    /** This command's options as arguments, to run it again from a checkpoint ({@code --out} included). */
    private List<String> arguments() {
        List<String> args = new ArrayList<>();
        for (CommandLine.Model.OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            List<String> values = option.originalStringValues();
            if (values.isEmpty()) {
                args.add(option.longestName());
            }
            for (String v : values) {
                args.add(option.longestName());
                args.add(v);
            }
        }
        return args;
    }

    private int train(TrainingState resume) throws Exception {
        Checks checks = new Checks(spec.commandLine());
        o.validate(checks, spec.commandLine().getParseResult().hasMatchedOption("--layers"));
        new Outputs(checks).input("--data", o.data).input("--init", o.init).input("--model-spec", o.modelSpec)
                .file("--out", o.out).file("--log", o.log).directory("--report", o.report, Report.FILES).check();
        OptimizerConfig optimizer = o.optimizer(checks);
        if (optimizer.fullBatch() && spec.commandLine().getParseResult().hasMatchedOption("--batch-size")) {
            checks.fail("--batch-size: " + optimizer.name() + " trains on all training rows at every step; drop --batch-size");
        }
        ScheduleConfig schedule = o.schedule(checks);
        Clipping clipping = o.clipping(checks, optimizer);
        Objective objective = o.objective(checks);
        TableOptions tableOptions = table.options(checks);
        if (o.threads != null && o.spark == null) {
            Threads.set(o.threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        DataSource source = Datasets.open(o.data, o.target, tableOptions);
        tableSource = source.table() != null;
        Scaling.Kind scaling = o.scaling(source.scaling());
        if (objective == null) {
            objective = o.smoothed(checks, Objective.forTask(source.data().task()));
        }
        TrainedModel init = o.init == null ? null : Models.load(o.init);
        Training.Builder recipe = Training.builder()
                .layers(o.layers(source.table() != null)).batchNorm(o.batchNorm).dropout(o.dropout)
                .objective(objective)
                .optimizer(optimizer).schedule(schedule).clipping(clipping)
                .epochs(o.epochs == null ? 0 : o.epochs).batchSize(o.batchSize).seed(o.seed)
                .scaling(scaling).validation(o.validation).test(o.test).patience(o.patience())
                .init(init).tuneThreshold(o.tuneThreshold()).classWeights(o.classWeights(checks));
        Prepared prepared = recipe.build().prepare(source);
        Dataset data = prepared.split().train();
        if (o.modelSpec != null) {
            Objective effective = objective != null ? objective : Objective.forTask(data.task());
            int outputs = effective.outputs(data.task(), data.isClassification() ? data.classNames().size() : 0);
            recipe.spec(ModelSpecJson.read(o.modelSpec, data.featureCount(), outputs));
        }
        SparkRun spark = o.spark == null ? null : spark(checks, optimizer);
        // The schema is printed with the training header, once the run has passed its own checks.
        recipe.listener(Progress.forStderr(err, schemaLines(prepared) + "nabla: training on " + prepared.describe() + "; "
                + (objective != null && o.explicitLoss() ? objective.describe() + "; " : "") + optimizer.describe()
                + (schedule == null ? "" : "; " + schedule.describe()) + describe(clipping)
                + (spark == null ? "" : spark.describe())));
        if (o.checkpoint != null) {
            List<String> args = arguments();
            long perEpoch = (data.rows() + o.batchSize - 1) / o.batchSize;
            recipe.checkpoints(o.checkpointEvery, state -> {
                try {
                    CheckpointFile.write(o.checkpoint, state.globalStep(perEpoch), state, args);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (spark != null) {
                // On Spark, rank 0 of the replicas writes them, and a retried stage continues from them.
                spark.checkpoints(o.checkpoint, o.checkpointEvery, args);
            }
        }
        recipe.stopWhen(Interrupts::requested);
        TrainingResult result;
        Interrupts.training(true);
        try {
            if (spark != null) {
                recipe.loop(spark.loop());
            }
            result = recipe.build().fit(prepared, resume);
        } finally {
            Interrupts.training(false);
            if (spark != null) {
                spark.close();
            }
        }
        if (result.history().interrupted()) {
            return interrupted(err, result);
        }

        TrainedModel model = result.model().withProvenance(Provenance.of(spec, source, o.init, o.modelSpec));
        Double threshold = o.fixedThreshold(checks);
        if (threshold != null && model.classNames().size() == 2) {
            model = model.withThreshold(threshold);
        }
        boolean held = result.test().rows() > 0;
        Dataset scored = held ? result.test() : result.train();
        Evaluation scores = Evaluation.of(model, scored);
        String rows = (held ? (source.presetTest() != null ? "the dataset's own test set, " : "")
                : "no test rows held out, ") + scored.rows() + " rows";
        printResult(out, result.history(), scores, held, rows);

        // All outputs appear together, or none does when one of them fails.
        try (AtomicFiles.Batch outputs = AtomicFiles.batch()) {
            if (o.out != null) {
                Models.save(o.out, model);
            }
            if (o.log != null) {
                EpochLog.write(o.log, result.history());
            }
            if (o.report != null) {
                new Report(data.name() + ": " + network(), configuration(optimizer, schedule, clipping, result), result.history(),
                        scores.metrics(), (held ? "test" : "training rows") + " (" + rows + ")", scores.confusion() == null ? null : scores.confusion().counts(),
                        model.classNames(), model.classNames().size() == 2 ? scores.ranking(model, scored) : null).write(o.report);
            }
            outputs.commit();
        }
        if (o.out != null) {
            err.println("nabla: model saved to " + o.out);
        }
        if (o.report != null) {
            err.println("nabla: report written to " + o.report.resolve(Report.PAGE));
        }
        return Errors.OK;
    }

    /** After a first Ctrl-C or SIGTERM: the best model so far to {@code --out}, and how to resume. */
    private int interrupted(PrintWriter err, TrainingResult result) throws java.io.IOException {
        TrainedModel model = result.model();
        if (o.out != null) {
            Models.save(o.out, model);
            err.println("nabla: " + Interrupts.name() + ": stopped after " + result.history().epochs().size()
                    + " whole epochs; the best model so far is saved to " + o.out);
        } else {
            err.println("nabla: " + Interrupts.name() + ": stopped after " + result.history().epochs().size()
                    + " whole epochs");
        }
        err.println(o.checkpoint != null ? "nabla: a checkpoint is in " + o.checkpoint + "; continue with: nabla train "
                + "--resume " + o.checkpoint : "nabla: without --checkpoint DIR the run cannot be continued");
        err.flush();
        return Interrupts.exitCode();
    }

    /** The Spark session of {@code --spark}, or a usage error when Spark's classes are not on the class path. */
    private SparkRun spark(Checks checks, OptimizerConfig optimizer) {
        DataParallel.Mode mode = o.sparkMode == null ? DataParallel.Mode.BARRIER
                : checks.option("--spark-mode", () -> DataParallel.Mode.of(o.sparkMode));
        if (mode == DataParallel.Mode.DRIVER && !optimizer.fullBatch()) {
            checks.fail("--spark-mode: driver makes one Spark job per loss evaluation, for full-batch optimisers "
                    + "(lbfgs), not " + optimizer.name());
        }
        try {
            return SparkRun.start(o.spark, o.partitions, o.threads == null ? 1 : o.threads, mode);
        } catch (NoClassDefFoundError e) {
            checks.fail(SparkRun.MISSING);
            throw e;
        }
    }

    /** The schema a table was read with, in a few lines (each ending in a newline) before the training header. */
    private static String schemaLines(Prepared prepared) {
        StringBuilder sb = new StringBuilder();
        if (prepared.dropped() > 0) {
            sb.append("nabla: ").append(prepared.dropped()).append(" rows without a target value left out\n");
        }
        if (prepared.schema() != null) {
            for (String line : prepared.schema().describe()) {
                sb.append("nabla: ").append(line).append('\n');
            }
        }
        return sb.toString();
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

    /** e.g. {@code "; clip norm 1.0"}, or nothing without clipping. */
    private static String describe(Clipping c) {
        return (c.maxValue() > 0 ? "; clip value " + c.maxValue() : "") + (c.maxNorm() > 0 ? "; clip norm " + c.maxNorm() : "");
    }

    private String network() {
        return o.modelSpec != null ? o.modelSpec.getFileName().toString()
                : o.init != null ? "from " + o.init.getFileName()
                : o.layers(tableSource) + (o.batchNorm ? ", batch norm" : "") + (o.dropout > 0 ? ", dropout " + o.dropout : "");
    }

    private Map<String, String> configuration(OptimizerConfig optimizer, ScheduleConfig schedule, Clipping clipping,
                                              TrainingResult result) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("data", o.data + (o.target != null ? " (target " + o.target + ")" : ""));
        c.put("rows", result.train().rows() + " train, " + result.validation().rows() + " validation, "
                + result.test().rows() + " test");
        c.put("network", network());
        c.put("parameters", Long.toString(result.model().network().parameterCount()));
        c.put("loss", o.explicitLoss() ? result.model().objective().describe() : result.model().objective().id());
        c.put("optimizer", optimizer.describe());
        c.put("schedule", schedule == null ? "constant" : schedule.describe());
        if (clipping.active()) {
            c.put("clipping", describe(clipping).substring(2).replace("; ", ", "));
        }
        c.put("batch size", optimizer.fullBatch() ? "all training rows" : Integer.toString(o.batchSize));
        c.put("epochs", (o.epochs == null ? "auto, " + result.history().epochs().size() + " run" : o.epochs.toString())
                + (o.patience() > 0 ? " (patience " + o.patience() + ")" : ""));
        c.put("scaling", result.model().scaling().kind().id());
        c.put("seed", Long.toString(o.seed));
        c.put("threads", Integer.toString(Threads.count()));
        return c;
    }
}
