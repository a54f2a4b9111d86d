package dev.nabla.cli;

import dev.nabla.autograd.GradCheck;
import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.data.Scaling;
import dev.nabla.train.TrainedModel;
import java.nio.file.Path;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Module;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nabla gradcheck}: backpropagated gradients against central differences in float64 on one batch,
 * parameter by parameter ({@link GradCheck}: a relative and an absolute tolerance, one-sided differences at ReLU
 * kinks, a seeded sample of a large network's elements, a progress line every few seconds). Exit 1 when an element is
 * outside the tolerances: a wrong gradient is a bug in Nabla, not in the user's input.
 */
@Command(name = "gradcheck", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Checks a network's gradients numerically (central differences in float64) on a batch",
                "and prints the worst relative error per parameter and overall. The network is a model file,",
                "a spec or --layers; the batch is drawn from --data, or random without it."})
final class GradcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "Check this model file's network (needs --data).")
    Path model;

    @Option(names = "--model-spec", paramLabel = "FILE", description = "Check a fresh network built from this JSON spec.")
    Path modelSpec;

    @Option(names = "--data", paramLabel = "NAME|FILE", description = "Draw the batch from these rows (default: random rows).")
    String data;

    @Option(names = "--layers", paramLabel = "UNITS:ACT,...", defaultValue = "8:tanh,6:sigmoid,5:leaky_relu",
            description = "Hidden layers, e.g. 64:relu,32:tanh (default: ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--inputs", defaultValue = "6", description = "Input features of the random batch (default: ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--outputs", defaultValue = "4", description = "Network outputs: classes, or 1 (default: ${DEFAULT-VALUE}).")
    int outputs;

    @Option(names = "--loss", paramLabel = "LOSS",
            description = "cross_entropy, binary_cross_entropy, mse, huber or l1, with arguments as in train (default: cross_entropy, or mse for one output).")
    String loss;

    @Option(names = "--batch", defaultValue = "8", description = "Rows in the batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the weights and the batch (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tolerance", defaultValue = "1e-4",
            description = "Relative tolerance rtol: an element passes when |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|) (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--atol", defaultValue = "1e-8",
            description = "Absolute tolerance atol, for gradients so small that central differences are mostly round-off (default: ${DEFAULT-VALUE}).")
    double atol;

    @Option(names = "--elements", paramLabel = "N|all",
            description = "Check at most N elements, a seeded sample spread over every parameter, or all of them (default: all when that takes about "
                    + BUDGET_SECONDS + " s or less, else as many as fit that time, at least " + MIN_ELEMENTS + ").")
    String elements;

    /** Multiply-adds of float64 forward passes a default check may spend: about 20 s on one core here. */
    static final double BUDGET = 2e10;
    static final int BUDGET_SECONDS = 20;
    static final int MIN_ELEMENTS = 100;

    @Override
    public Integer call() throws Exception {
        Checks checks = new Checks(spec.commandLine());
        checks.positive("--inputs", inputs);
        checks.positive("--outputs", outputs);
        checks.positive("--batch", batch);
        checks.nonNegative("--tolerance", tolerance);
        checks.nonNegative("--atol", atol);
        if (tolerance == 0 && atol == 0) {
            checks.fail("--tolerance and --atol are both 0: no numerical difference would ever pass");
        }
        if (model != null && data == null) {
            checks.fail("--model needs --data: the rows to check its gradients on");
        }
        Setup setup = data != null ? onData(checks) : onRandomBatch(checks);
        Module network = setup.network().to(DType.F64);
        Objective objective = setup.objective();
        Batch batchRows = setup.batch();
        // The loss is a function of the weights only if every evaluation draws the same dropout masks.
        List<Dropout> dropouts = network.modules().stream().filter(m -> m instanceof Dropout).map(m -> (Dropout) m)
                .toList();
        long parameters = network.parameterCount();
        long max = maxElements(checks, parameters, batchRows.features().rows());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (max < parameters) {
            err.println(String.format(Locale.ROOT, "nabla: checking %,d of the %,d elements, sampled at random in every "
                    + "parameter (--seed %d; --elements all checks every one)",
                    GradCheck.elementsChecked(network.namedParameters(), max), parameters, seed));
        }
        GradCheck.Settings settings = GradCheck.Settings.defaults().withTolerances(tolerance, atol).withSample(max, seed)
                .withProgress(progress(err));
        GradCheck.Report report = GradCheck.check(network.namedParameters(), () -> {
            dropouts.forEach(d -> d.seek(0));
            return objective.loss(network.forward(Variable.constant(batchRows.features())), batchRows);
        }, settings);
        out.print(report);
        out.println(String.format(Locale.ROOT, "worst relative error: %.3e (%s)", report.worst(), report.worstParameter()));
        out.println(String.format(Locale.ROOT, "%,d of %,d elements checked; %,d outside |a - n| <= %.1e + %.1e * max(|a|, |n|)%s",
                report.checked(), report.total(), report.failures(), atol, tolerance,
                report.kinks() == 0 ? "" : String.format(Locale.ROOT, "; %,d at kinks, checked one-sided", report.kinks())));
        out.flush();
        if (!report.passed()) {
            err.println(String.format(Locale.ROOT,
                    "nabla: gradient check failed: %,d elements outside the tolerances (worst relative error %.3e in %s)",
                    report.failures(), report.worst(), report.worstParameter()));
            return Errors.INTERNAL;
        }
        return Errors.OK;
    }

    /**
     * The elements to check: {@code --elements}, or every one when the check costs at most {@link #BUDGET}
     * multiply-adds (two forward passes of about rows × parameters each per element), else as many as fit.
     */
    private long maxElements(Checks checks, long parameters, int rows) {
        if (elements != null) {
            if (elements.equalsIgnoreCase("all")) {
                return parameters;
            }
            long n = 0;
            try {
                n = Long.parseLong(elements.strip());
            } catch (NumberFormatException e) {
                // said below
            }
            if (n < 1) {
                checks.fail("--elements must be a positive whole number or all, got " + elements);
            }
            return Math.min(n, parameters);
        }
        return defaultElements(parameters, rows);
    }

    /** Every element when they fit {@link #BUDGET}, else as many as do, but at least {@link #MIN_ELEMENTS}. */
    static long defaultElements(long parameters, int rows) {
        long affordable = (long) (BUDGET / (2.0 * rows * Math.max(1, parameters)));
        return Math.min(parameters, Math.max(MIN_ELEMENTS, affordable));
    }

    /** A line on stderr every few seconds while the check runs, so a long one is never silent. */
    private static GradCheck.Progress progress(PrintWriter err) {
        long start = System.nanoTime();
        long[] next = {start + 5_000_000_000L};
        return (done, total) -> {
            long now = System.nanoTime();
            if (now >= next[0] && done < total) {
                double perElement = (now - start) / 1e9 / done;
                err.println(String.format(Locale.ROOT, "nabla: checked %,d of %,d elements, about %.0f s left", done, total,
                        perElement * (total - done)));
                err.flush();
                next[0] = now + 5_000_000_000L;
            }
        };
    }

    /** What to check: a network, its loss and one batch in float64. */
    private record Setup(Module network, Objective objective, Batch batch) {
    }

    /** A model's network (or a fresh one) on a seeded sample of {@code batch} rows of the data, scaled as in training. */
    private Setup onData(Checks checks) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        Dataset rows;
        Module network;
        Objective objective;
        Scaling scaling;
        Scaling targetScaling;
        if (model != null) {
            TrainedModel m = Models.load(model);
            rows = Models.labelled(data, null, m);
            if (rows.isClassification()) {
                rows = rows.withClassOrder(m.classNames());
            }
            network = m.network();
            objective = m.objective();
            scaling = m.scaling();
            targetScaling = m.targetScaling();
        } else {
            rows = Datasets.open(data, null).encoded();
            objective = loss != null ? checks.option("--loss", () -> Objective.fromId(loss)) : Objective.forTask(rows.task());
            int out = objective.outputs(rows.task(), rows.classNames().size());
            int features = rows.featureCount();
            ModelSpec s = checks.network(modelSpec, layers, features, out);
            s.requireTrainable(Math.min(batch, rows.rows()));
            network = s.build(rng);
            scaling = Scaling.fit(Scaling.Kind.STANDARD, rows.features());
            targetScaling = rows.isClassification() ? null
                    : Scaling.fit(Scaling.Kind.STANDARD, Tensor.wrap(rows.values(), rows.rows(), 1));
        }
        int[] pick = new int[Math.min(batch, rows.rows())];
        int[] order = java.util.stream.IntStream.range(0, rows.rows()).toArray();
        Batches.shuffle(order, rng);
        System.arraycopy(order, 0, pick, 0, pick.length);
        Dataset sample = rows.subset(pick);
        Tensor x = scaling.apply(sample.features()).to(DType.F64);
        Tensor y = sample.isClassification() ? sample.targets().to(DType.F64)
                : targetScaling.apply(Tensor.wrap(sample.values(), sample.rows(), 1)).to(DType.F64);
        return new Setup(network, objective, Batches.inOrder(x, y, pick.length).next());
    }

    private Setup onRandomBatch(Checks checks) throws Exception {
        Objective objective = checks.objective(loss, outputs, Objective.MSE);
        SplittableRandom rng = new SplittableRandom(seed);
        ModelSpec s = checks.network(modelSpec, layers, inputs, outputs);
        s.requireTrainable(batch);
        Module network = s.build(rng);
        return new Setup(network, objective, RandomRows.of(objective, batch, inputs, outputs, rng));
    }
}
