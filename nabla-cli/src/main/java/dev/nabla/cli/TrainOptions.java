package dev.nabla.cli;

import dev.nabla.data.Scaling;
import dev.nabla.nn.DropoutSpec;
import dev.nabla.nn.ModelSpec;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.optim.Schedules;
import dev.nabla.train.ClassWeights;
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

    @Option(names = "--layers", paramLabel = "UNITS:ACT,...", defaultValue = AUTO,
            description = "Hidden layers, e.g. 64:relu,32:tanh; activations tanh, sigmoid, relu, leaky_relu(SLOPE), identity, gelu, gelu_tanh, silu, elu(ALPHA), softplus; auto: "
                    + TABLE_LAYERS + " for tables, " + IMAGE_LAYERS + " for images (default: ${DEFAULT-VALUE}).")
    String layers;

    static final String AUTO = "auto";
    /** One hidden layer: on the tables of issue 9 and the UCI ones it matches or beats two (BENCHMARKS.md). */
    static final String TABLE_LAYERS = "128:relu";
    static final String IMAGE_LAYERS = "256:relu,128:relu";
    /** Early stopping's patience when there are validation rows and --patience is not given. */
    static final int AUTO_PATIENCE = 10;

    @Option(names = "--batch-norm",
            description = "Batch normalisation before every hidden activation of --layers: Linear, BatchNorm, activation, Dropout, PyTorch's usual order.")
    boolean batchNorm;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "Dropout of rate P in [0, 1) after every hidden activation of --layers (default: ${DEFAULT-VALUE}, none).")
    double dropout;

    @Option(names = "--model-spec", paramLabel = "FILE",
            description = "A JSON network description instead of --layers (see examples/specs).")
    Path modelSpec;

    @Option(names = "--loss", paramLabel = "NAME[:ARGS]",
            description = "cross_entropy, binary_cross_entropy, mse, huber or l1, with PyTorch's arguments: huber:DELTA (default 1), cross_entropy:label_smoothing=E, binary_cross_entropy:pos_weight=P (default: chosen by the target).")
    String loss;

    @Option(names = "--label-smoothing", paramLabel = "E",
            description = "Label smoothing of the cross-entropy, in [0, 1]: targets (1-E)·onehot + E/classes (torch.nn.CrossEntropyLoss).")
    Double labelSmoothing;

    @Option(names = "--optimizer", paramLabel = "NAME[:OPTIONS]", defaultValue = "adam",
            description = "One of ${COMPLETION-CANDIDATES}, with PyTorch's options by name or in order, e.g. rmsprop:momentum=0.9,centered=true or lbfgs:history_size=10 (README lists them; default: ${DEFAULT-VALUE}).",
            completionCandidates = OptimizerNames.class)
    String optimizer;

    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "RATE",
            description = "Learning rate (default: 0.001 for adam and adamw, 0.01 for rmsprop and adagrad, 0.05 for momentum and nesterov, 0.1 for sgd, 1 for lbfgs).")
    Double learningRate;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA",
            description = "Weight decay λ as torch.optim applies it: λθ added to the gradient, decoupled θ ← θ − lr·λθ for adamw (default: 0; 0.01 for adamw, as torch.optim.AdamW).")
    Double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME[:ARGS]",
            description = "Learning-rate schedule, updated after every optimiser step: ${COMPLETION-CANDIDATES}, e.g. cosine, step:10,0.5, onecycle:max_lr=0.01, plateau:patience=3 (README lists the ARGS; default: constant).",
            completionCandidates = ScheduleNames.class)
    String schedule;

    @Option(names = "--warmup", paramLabel = "STEPS", defaultValue = "0",
            description = "Raise the learning rate linearly over the first STEPS optimiser steps, from 1/(STEPS+1) of the schedule's first rate; the schedule starts after it (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--clip-norm", paramLabel = "X",
            description = "Scale the gradients down so that their L2 norm over all parameters is at most X (torch.nn.utils.clip_grad_norm_).")
    Double clipNorm;

    @Option(names = "--clip-value", paramLabel = "X",
            description = "Clamp every gradient element to [-X, X] before norm clipping (torch.nn.utils.clip_grad_value_).")
    Double clipValue;

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

    @Option(names = "--patience", paramLabel = "EPOCHS",
            description = "Stop after this many epochs without a lower validation loss (training loss with --validation 0) and keep the best weights; 0 never stops (default: "
                    + AUTO_PATIENCE + " with validation rows, epochs then up to 300; 0 without).")
    Integer patience;

    @Option(names = "--class-weight", paramLabel = "balanced|none|NAME=W,...", defaultValue = "none",
            description = "How much each class counts in the loss: balanced (N / (K·N_class) from the training rows, for rare classes), none, or weights by class name (default: ${DEFAULT-VALUE}).")
    String classWeight;

    @Option(names = "--threshold", paramLabel = "auto|0.5", defaultValue = "0.5",
            description = "Two classes: the probability of the second class above which it is predicted; auto picks the F1-best on the validation rows and stores it in the model (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Option(names = "--init", paramLabel = "MODEL",
            description = "Start from this model file: continue training it, or fine-tune it on new classes.")
    Path init;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the trained model here (.safetensors).")
    Path out;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Write the run's state here at every epoch start (and every --checkpoint-every steps), keeping the last two; 'nabla train --resume DIR' continues it exactly.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS", defaultValue = "0",
            description = "With --checkpoint: also every STEPS optimiser steps within an epoch (default: ${DEFAULT-VALUE}, epoch starts only).")
    long checkpointEvery;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run whose checkpoints are in DIR with its own options (only --out may be given besides); it ends with the bits the run would have had left alone.")
    Path resume;

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = "",
            description = "Train on Apache Spark with exact synchronous data parallelism (local[K], spark://HOST:PORT, …; alone: the master spark-submit gave); the weights equal a run without it up to rounding.")
    String spark;

    @Option(names = "--partitions", paramLabel = "K",
            description = "With --spark: replicas, each holding a K-th of the training rows (default: the cluster's task slots).")
    Integer partitions;

    @Option(names = "--spark-mode", paramLabel = "MODE",
            description = "With --spark: how the replicas' gradients are summed: barrier (default: one stage for the whole run, its tasks summing over a TCP ring at every step) or driver (lbfgs only: the optimiser on the driver, one Spark job per loss evaluation; needs no K task slots at once).")
    String sparkMode;

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

    /** The hidden layers: as given, or for auto those that suit tables or images. */
    String layers(boolean table) {
        return !layers.equalsIgnoreCase(AUTO) ? layers : table ? TABLE_LAYERS : IMAGE_LAYERS;
    }

    /** The patience: as given, or for auto {@value #AUTO_PATIENCE} when there are validation rows. */
    int patience() {
        return patience != null ? patience : validation > 0 ? AUTO_PATIENCE : 0;
    }

    /** The class weights of {@code --class-weight}. */
    ClassWeights classWeights(Checks checks) {
        return checks.option("--class-weight", () -> ClassWeights.parse(classWeight));
    }

    /** Whether {@code --threshold auto} asks to tune the threshold on the validation rows. */
    boolean tuneThreshold() {
        return threshold.equalsIgnoreCase("auto");
    }

    /** The fixed threshold given, or null for auto; checked to lie in (0, 1). */
    Double fixedThreshold(Checks checks) {
        if (tuneThreshold()) {
            return null;
        }
        double t = dev.nabla.data.Numbers.parse(threshold);
        if (!(t > 0 && t < 1)) {
            checks.fail("--threshold must be auto or a probability in (0, 1), got " + threshold);
        }
        return t;
    }

    /** The schedule of {@code --schedule} and {@code --warmup}, or null for a constant rate. */
    ScheduleConfig schedule(Checks checks) {
        if (schedule == null && warmup == 0) {
            return null;
        }
        return checks.option("--schedule", () -> Schedules.config(schedule == null ? "constant" : schedule, warmup));
    }

    /** The gradient clipping of {@code --clip-norm} and {@code --clip-value}, refused with a full-batch optimiser. */
    Clipping clipping(Checks checks, OptimizerConfig optimizer) {
        Clipping c = new Clipping(clipNorm == null ? 0 : clipNorm, clipValue == null ? 0 : clipValue);
        if (c.active() && optimizer.fullBatch()) {
            checks.fail((clipNorm != null ? "--clip-norm" : "--clip-value") + ": " + optimizer.name()
                    + " searches along the true gradient; it cannot be combined with clipping");
        }
        return c;
    }

    /** The loss named by {@code --loss} (with {@code --label-smoothing}), or null to let the target choose. */
    Objective objective(Checks checks) {
        Objective named = loss == null ? null : checks.option("--loss", () -> Objective.fromId(loss));
        return named == null || labelSmoothing == null ? named : smoothed(checks, named);
    }

    /** {@code objective} (the one the target chose) with {@code --label-smoothing}, or null without it. */
    Objective smoothed(Checks checks, Objective objective) {
        return labelSmoothing == null ? null
                : checks.option("--label-smoothing", () -> objective.withLabelSmoothing(labelSmoothing));
    }

    /** Whether the loss or its settings came from the command line. */
    boolean explicitLoss() {
        return loss != null || labelSmoothing != null;
    }

    /** Rejects values no run could use, naming the option and the value. */
    void validate(Checks checks, boolean layersGiven) {
        if (partitions != null) {
            if (spark == null) {
                checks.fail("--partitions: only with --spark");
            }
            checks.positive("--partitions", partitions);
        }
        if (sparkMode != null && spark == null) {
            checks.fail("--spark-mode: only with --spark");
        }
        if (learningRate != null) {
            checks.positive("--lr", learningRate);
        }
        if (weightDecay != null) {
            checks.nonNegative("--weight-decay", weightDecay);
        }
        if (checkpointEvery < 0) {
            checks.fail("--checkpoint-every must be zero or positive, got " + checkpointEvery);
        }
        if (checkpointEvery > 0 && checkpoint == null) {
            checks.fail("--checkpoint-every needs --checkpoint DIR");
        }
        checks.positive("--batch-size", batchSize);
        checks.nonNegative("--warmup", warmup);
        if (clipNorm != null) {
            checks.positive("--clip-norm", clipNorm);
        }
        if (clipValue != null) {
            checks.positive("--clip-value", clipValue);
        }
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
        if (patience != null) {
            checks.nonNegative("--patience", patience);
        }
        fixedThreshold(checks);
        classWeights(checks);
        if (!scale.equalsIgnoreCase("auto")) {
            checks.option("--scale", () -> Scaling.Kind.fromId(scale));
        }
        if (layersGiven || modelSpec == null) {
            ModelSpec hidden = checks.option("--layers", () -> ModelSpec.mlp(1, layers(true), 1));
            try {
                // At most the default batch: a small table trains on fewer rows than a large --batch-size.
                hidden.requireTrainable(Math.min(batchSize, 32));
            } catch (dev.nabla.tensor.Memory.TooLarge e) {
                throw e.in("--layers " + layers);
            }
        }
        if (modelSpec != null && layersGiven) {
            checks.fail("--layers and --model-spec both describe the network; give one");
        }
        if (dropout != 0) {
            checks.option("--dropout", () -> new DropoutSpec(dropout));
        }
        if ((batchNorm || dropout != 0) && (modelSpec != null || init != null)) {
            checks.fail((batchNorm ? "--batch-norm" : "--dropout") + " applies to the layers of --layers; "
                    + (modelSpec != null ? "put batch_norm and dropout layers in the --model-spec file"
                    : "--init starts from the model's own architecture"));
        }
        if (report != null && java.nio.file.Files.isRegularFile(report)) {
            checks.fail("--report " + report + " is a file; expected a directory");
        }
    }
}
