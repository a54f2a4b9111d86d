package dev.nabla.cli;

import dev.nabla.data.Scaling;
import dev.nabla.nn.ModelSpec;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.train.Objective;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code nabla train}, kept apart from what the command does with them. */
final class TrainOptions {
    @Option(names = "--data", paramLabel = "NAME|FILE", defaultValue = "digits",
            description = "An embedded dataset (see 'nabla datasets'), fashion-mnist, a directory of IDX files, or a CSV file (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--target", paramLabel = "COL", description = "The CSV column to predict (default: the last).")
    String target;

    @Option(names = "--layers", paramLabel = "UNITS:ACT,...", defaultValue = "256:relu,128:relu",
            description = "Hidden layers, e.g. 64:relu,32:tanh; activations tanh, sigmoid, relu, leaky_relu, identity (default: ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--model-spec", paramLabel = "FILE",
            description = "A JSON network description instead of --layers (see examples/specs).")
    Path modelSpec;

    @Option(names = "--loss", paramLabel = "LOSS",
            description = "cross_entropy, binary_cross_entropy or mse (default: chosen by the target).")
    String loss;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", completionCandidates = OptimizerNames.class)
    String optimizer;

    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "RATE",
            description = "Learning rate (default: 0.001 for adam, 0.05 for momentum and nesterov, 0.1 for sgd).")
    Double learningRate;

    @Option(names = "--weight-decay", paramLabel = "ALPHA", defaultValue = "0",
            description = "L2 penalty α/2·Σw² (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "32",
            description = "Rows per mini-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Passes over the training rows (default: 20, or enough for 500 steps on small data).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the split, the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the matrix kernels (default: all processors).")
    Integer threads;

    @Option(names = "--scale", paramLabel = "KIND", defaultValue = "auto",
            description = "Input scaling fitted on the training rows: standard, minmax, none, or auto: minmax for images (IDX files), standard otherwise (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--validation", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Share of the rows to validate on after each epoch (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--test", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Share of the rows held out for the final test; 0 trains on every row; ignored when the dataset has its own test set (default: ${DEFAULT-VALUE}).")
    double test;

    @Option(names = "--patience", paramLabel = "EPOCHS", defaultValue = "0",
            description = "Stop after this many epochs without a lower validation loss and keep the best weights; 0 never stops (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--init", paramLabel = "MODEL",
            description = "Start from this model file: continue training it, or fine-tune it on new classes.")
    Path init;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the trained model here (.safetensors).")
    Path out;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write loss and accuracy curves, the confusion matrix and report.html here.")
    Path report;

    @Option(names = "--log", paramLabel = "FILE", description = "Write per-epoch metrics here as CSV.")
    Path log;

    /**
     * The scaling to fit: the one named, or for {@code auto} the one the data source suggests (min-max for
     * images, whose pixels share one range; standard for tables). On Fashion-MNIST, standardising each pixel
     * costs about half a point of test accuracy.
     */
    Scaling.Kind scaling(Scaling.Kind suggested) {
        if (scale.equalsIgnoreCase("auto")) {
            return suggested;
        }
        return Scaling.Kind.fromId(scale);
    }

    /** The optimiser the options name, refused (exit 2) before any data is read when the name or a value is bad. */
    OptimizerConfig optimizer(Checks checks) {
        return checks.option("--optimizer", () -> Optimizers.config(optimizer, learningRate, weightDecay));
    }

    /** The loss named by {@code --loss}, or null to let the target choose. */
    Objective objective(Checks checks) {
        return loss == null ? null : checks.option("--loss", () -> Objective.fromId(loss));
    }

    /** Rejects values no run could use, naming the option and the value. */
    void validate(Checks checks, boolean layersGiven) {
        if (learningRate != null) {
            checks.positive("--lr", learningRate);
        }
        checks.nonNegative("--weight-decay", weightDecay);
        checks.positive("--batch-size", batchSize);
        if (epochs != null) {
            checks.positive("--epochs", epochs);
        }
        if (threads != null) {
            checks.positive("--threads", threads);
        }
        checks.fraction("--validation", validation);
        checks.fraction("--test", test);
        if (validation + test >= 1) {
            checks.fail("--validation " + validation + " and --test " + test + " leave no rows to train on (their sum must be below 1)");
        }
        checks.nonNegative("--patience", patience);
        if (!scale.equalsIgnoreCase("auto")) {
            checks.option("--scale", () -> Scaling.Kind.fromId(scale));
        }
        if (layersGiven || modelSpec == null) {
            checks.option("--layers", () -> ModelSpec.mlp(1, layers, 1));
        }
        if (modelSpec != null && layersGiven) {
            checks.fail("--layers and --model-spec both describe the network; give one");
        }
        for (Path output : new Path[] {out, log}) {
            if (output != null && java.nio.file.Files.isDirectory(output)) {
                checks.fail(output + " is a directory; expected a file name");
            }
        }
        if (report != null && java.nio.file.Files.isRegularFile(report)) {
            checks.fail("--report " + report + " is a file; expected a directory");
        }
    }
}
