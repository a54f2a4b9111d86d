package dev.nabla.cli;

import dev.nabla.autograd.GradCheck;
import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.data.Scaling;
import dev.nabla.io.ModelSpecJson;
import dev.nabla.train.TrainedModel;
import java.nio.file.Path;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nabla gradcheck}: backpropagated gradients against central differences in float64 on one batch,
 * parameter by parameter, then the worst relative error. Exit 1 when it exceeds the tolerance: a wrong
 * gradient is a bug in Nabla, not in the user's input.
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
            description = "Largest acceptable relative error (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() throws Exception {
        Checks checks = new Checks(spec.commandLine());
        checks.positive("--inputs", inputs);
        checks.positive("--outputs", outputs);
        checks.positive("--batch", batch);
        checks.positive("--tolerance", tolerance);
        if (model != null && data == null) {
            checks.fail("--model needs --data: the rows to check its gradients on");
        }
        Setup setup = data != null ? onData(checks) : onRandomBatch(checks);
        Module network = setup.network().to(DType.F64);
        Objective objective = setup.objective();
        Batch batchRows = setup.batch();
        GradCheck.Report report = GradCheck.check(network.namedParameters(),
                () -> objective.loss(network.forward(Variable.constant(batchRows.features())), batchRows));
        PrintWriter out = spec.commandLine().getOut();
        out.print(report);
        out.println(String.format(Locale.ROOT, "worst relative error: %.3e (%s)", report.worst(), report.worstParameter()));
        out.flush();
        if (!(report.worst() <= tolerance)) {
            spec.commandLine().getErr().println(String.format(Locale.ROOT,
                    "nabla: gradient check failed: %.3e in %s exceeds the tolerance %.1e",
                    report.worst(), report.worstParameter(), tolerance));
            return Errors.INTERNAL;
        }
        return Errors.OK;
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
            ModelSpec s = modelSpec != null ? ModelSpecJson.read(modelSpec, features, out)
                    : checks.option("--layers", () -> ModelSpec.mlp(features, layers, out));
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
        ModelSpec s = modelSpec != null ? ModelSpecJson.read(modelSpec, inputs, outputs) : checks.option("--layers", () -> ModelSpec.mlp(inputs, layers, outputs));
        Module network = s.build(rng);
        return new Setup(network, objective, RandomRows.of(objective, batch, inputs, outputs, rng));
    }
}
