package dev.nabla.train;

import dev.nabla.autograd.Variable;
import dev.nabla.data.DataException;
import dev.nabla.data.DataSource;
import dev.nabla.data.Pipeline;
import dev.nabla.data.Schema;
import dev.nabla.data.Dataset;
import dev.nabla.data.Scaling;
import dev.nabla.data.Split;
import dev.nabla.data.TableFit;
import dev.nabla.data.TableReader;
import dev.nabla.data.Task;
import dev.nabla.nn.BatchNorm;
import dev.nabla.nn.EmbeddingSpec;
import dev.nabla.nn.LayerSpec;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Normalization;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A whole training run in one call: split, scale (fitted on the training rows only), build the network
 * for the task the target implies, fit, and return a {@link TrainedModel} that predicts from raw rows.
 * <pre>{@code
 * TrainingResult r = Training.builder().layers("64:relu").epochs(30).build().run(Datasets.open("digits", null));
 * }</pre>
 */
public final class Training {
    static final int DEFAULT_EPOCHS = 20;
    static final int MIN_STEPS = 500;
    static final int MAX_AUTO_EPOCHS = 500;
    static final int STOPPED_STEPS = 10_000;
    static final int MAX_STOPPED_EPOCHS = 300;
    /**
     * Steps of a full-batch optimiser when no epochs are given: 10 L-BFGS steps of up to 20 iterations each are
     * scikit-learn's 200 iterations of its default MLP solver.
     */
    static final int FULL_BATCH_EPOCHS = 10;

    private final Builder b;

    private Training(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the recipe on {@code source}: {@link #prepare}, then {@link #fit}. */
    public TrainingResult run(DataSource source) {
        return fit(prepare(source));
    }

    /**
     * Splits {@code source} and encodes it: a table's column kinds and encoders are fitted on the training rows
     * only (or taken from the model to start from); the splits are the encoded, unscaled rows.
     */
    public Prepared prepare(DataSource source) {
        Dataset data = source.data();
        if (data.isClassification() && data.classNames().size() < 2) {
            throw new DataException(data.name() + ": target '" + TableReader.shorten(data.targetName())
                    + "' has a single class '" + TableReader.shorten(data.classNames().get(0))
                    + "'; classification needs at least two");
        }
        TrainedModel init = b.init;
        if (init != null && b.spec != null) {
            throw new DataException("a model to start from has its own architecture; give it or a spec, not both");
        }
        long seed = b.trainer.seed();
        if (source.table() != null) {
            DataSource.TableData t = source.table();
            int[][] parts = Split.rows(source, b.validation, b.test, seed);
            TableFit fit = init != null ? null : TableFit.of(t.cells(), parts[0], t.target().name(), t.options());
            Schema schema = fit == null ? null : fit.schema();
            Pipeline pipeline = fit == null ? init.pipeline() : fit.pipeline();
            Dataset encoded = t.target().toDataset(data.name(), pipeline.encode(t.cells()), pipeline.names());
            return new Prepared(data.name(), Split.of(encoded, parts, null), pipeline, schema, source.scaling(),
                    t.target().dropped());
        }
        if (init != null) {
            if (init.inputs() != data.featureCount()) {
                throw new DataException(data.name() + ": " + data.featureCount()
                        + " features, but the initial model takes " + init.inputs());
            }
            source = new DataSource(data.withFeatureOrder(init.featureNames()),
                    source.presetTest() == null ? null : source.presetTest().withFeatureOrder(init.featureNames()),
                    source.scaling());
        }
        Pipeline pipeline = init != null ? init.pipeline() : Pipeline.numeric(source.data().featureNames());
        return new Prepared(data.name(), Split.of(source, b.validation, b.test, seed), pipeline, null, source.scaling(), 0);
    }

    /** Fits a network to prepared data. */
    public TrainingResult fit(Prepared prepared) {
        return fit(prepared, null);
    }

    /**
     * Fits a network to prepared data, continuing from {@code resume} (a checkpoint of the same recipe on the same
     * data; null: from the start).
     */
    public TrainingResult fit(Prepared prepared, TrainingState resume) {
        Split split = prepared.split();
        Dataset data = split.train();
        TrainedModel init = b.init;
        boolean sameClasses = init != null && data.isClassification() && init.classNames().containsAll(data.classNames());
        if (sameClasses) {
            split = new Split(data.withClassOrder(init.classNames()), split.validation().withClassOrder(init.classNames()),
                    split.test().withClassOrder(init.classNames()));
            data = split.train();
        }
        long seed = b.trainer.seed();
        Task task = data.task();
        List<String> classes = sameClasses ? init.classNames() : data.classNames();
        Objective objective = b.trainer.objective() != null ? b.trainer.objective() : Objective.forTask(task);
        int outputs = objective.outputs(task, classes.size());
        if (task != Task.REGRESSION) {
            objective = b.classWeights.apply(objective, split.train());
        }
        Pipeline pipeline = prepared.pipeline();

        Scaling scaling = init != null ? init.scaling()
                : Scaling.fit(b.scaling != null ? b.scaling : prepared.scaling(), split.train().features(),
                        pipeline.scaled());
        Scaling targetScaling = init != null && init.task() == Task.REGRESSION ? init.targetScaling()
                : task == Task.REGRESSION ? Scaling.fit(Scaling.Kind.STANDARD, valuesOf(split.train()))
                : new Scaling(Scaling.Kind.NONE, new float[1], new float[] {1});

        ModelSpec spec = init != null ? init.spec() : withEmbeddings(pipeline, b.spec != null ? b.spec
                : ModelSpec.mlp(widthAfterEmbedding(pipeline), b.layers, outputs, b.batchNorm, b.dropout));
        if (spec.inputs() != data.featureCount()) {
            throw new DataException("the network takes " + spec.inputs() + " inputs, the data has "
                    + data.featureCount() + " features");
        }
        if (spec.outputs() != outputs) {
            if (init == null) {
                throw new DataException("the network has " + spec.outputs() + " outputs; " + objective.id()
                        + " on this target needs " + outputs);
            }
            spec = spec.withOutputs(outputs);
        }
        spec.requireTrainable(Math.min(data.rows(), b.trainer.batchSize()));
        Module network = spec.build(new SplittableRandom(seed));
        requireBatchesOfTwo(network, split.train().rows(), b.trainer.batchSize());
        if (init != null) {
            // Other classes: the output layer starts fresh rather than from the old classes' weights.
            copyMatching(init.network(), network, sameClasses || task == Task.REGRESSION ? null
                    : (spec.layers().size() - 1) + ".");
        }
        Optimizer optimizer = b.optimizer.apply(network.parameters());
        Trainer trainer = b.trainer.copy()
                .epochs(b.epochs > 0 ? b.epochs : optimizer.fullBatch() ? FULL_BATCH_EPOCHS
                        : b.trainer.patience() > 0 ? autoEpochsUntilStopped(split.train().rows(), b.trainer.batchSize())
                        : autoEpochs(split.train().rows(), b.trainer.batchSize()))
                .objective(objective).build();
        Dataset validation = split.validation().rows() > 0 ? prepare(split.validation(), scaling, targetScaling) : null;
        History history = b.loop.fit(trainer, network, b.optimizer, prepare(split.train(), scaling, targetScaling),
                validation, resume);
        TrainedModel model = new TrainedModel(spec, network, task, objective, pipeline, scaling, targetScaling, classes,
                data.targetName(), TrainedModel.DEFAULT_THRESHOLD, java.util.Map.of());
        if (b.tuneThreshold && classes.size() == 2 && split.validation().rows() > 0 && !history.interrupted()) {
            model = model.withThreshold(tunedThreshold(model, split.validation()));
        }
        return new TrainingResult(model, history, split.train(), split.validation(), split.test());
    }

    /** The input width the layers after a pipeline's embeddings see. */
    public static int widthAfterEmbedding(Pipeline pipeline) {
        int width = pipeline.width();
        for (Pipeline.Embedded e : pipeline.embedded()) {
            width += e.encoder().dimension() - 1;
        }
        return width;
    }

    /**
     * {@code spec} behind an embedding layer for the pipeline's embedded columns (as it is when there are none):
     * the spec takes the width after the embeddings, the result the pipeline's width.
     */
    public static ModelSpec withEmbeddings(Pipeline pipeline, ModelSpec spec) {
        List<Pipeline.Embedded> embedded = pipeline.embedded();
        if (embedded.isEmpty() || spec.layers().get(0) instanceof EmbeddingSpec) {
            return spec;
        }
        int[] columns = embedded.stream().mapToInt(Pipeline.Embedded::index).toArray();
        int[] codes = embedded.stream().mapToInt(e -> e.encoder().codes()).toArray();
        int[] dimensions = embedded.stream().mapToInt(e -> e.encoder().dimension()).toArray();
        List<LayerSpec> layers = new java.util.ArrayList<>();
        layers.add(new EmbeddingSpec(columns, codes, dimensions));
        layers.addAll(spec.layers());
        return new ModelSpec(pipeline.width(), layers);
    }

    /** The F1-best threshold on the validation rows, kept inside (0, 1). */
    private static double tunedThreshold(TrainedModel model, Dataset validation) {
        Prediction p = model.predict(validation.features());
        double[] scores = Evaluation.positiveScores(p);
        double t = dev.nabla.metrics.Ranking.bestF1Threshold(validation.labels(), scores);
        return Math.clamp(t, 1e-6, 1 - 1e-6);
    }

    /**
     * {@value #DEFAULT_EPOCHS} epochs, or more on small data so that training takes at least {@value #MIN_STEPS}
     * steps (Iris's 120 training rows make 4 batches an epoch), at most {@value #MAX_AUTO_EPOCHS}.
     */
    static int autoEpochs(int rows, int batchSize) {
        int batches = Math.max(1, (rows + batchSize - 1) / batchSize);
        return Math.min(MAX_AUTO_EPOCHS, Math.max(DEFAULT_EPOCHS, (MIN_STEPS + batches - 1) / batches));
    }

    /**
     * With early stopping, enough epochs for {@value #STOPPED_STEPS} steps, at least {@value #DEFAULT_EPOCHS} and at
     * most {@value #MAX_STOPPED_EPOCHS}: patience ends the run, the count only bounds it.
     */
    static int autoEpochsUntilStopped(int rows, int batchSize) {
        int batches = Math.max(1, (rows + batchSize - 1) / batchSize);
        return Math.min(MAX_STOPPED_EPOCHS, Math.max(DEFAULT_EPOCHS, (STOPPED_STEPS + batches - 1) / batches));
    }

    /** Batch norm cannot estimate a variance from one row, as a last batch of one row would ask it to. */
    private static void requireBatchesOfTwo(Module network, int rows, int batchSize) {
        boolean oneRow = Math.min(rows, batchSize) == 1 || rows > batchSize && rows % batchSize == 1;
        if (oneRow && network.modules().stream().anyMatch(m -> m instanceof BatchNorm)) {
            throw new TrainingException("batch norm needs at least two rows per batch; " + rows + " training rows in "
                    + "batches of " + batchSize + " make a batch of one row; choose another batch size");
        }
    }

    /** Scaled features, and for regression a standardised target, as the network trains on them. */
    private static Dataset prepare(Dataset raw, Scaling scaling, Scaling targetScaling) {
        Dataset scaled = raw.withFeatures(scaling.apply(raw.features()));
        if (raw.isClassification()) {
            return scaled;
        }
        float[] y = targetScaling.apply(valuesOf(raw)).floats();
        return Dataset.regression(raw.name(), scaled.features(), raw.featureNames(), raw.targetName(), y);
    }

    private static Tensor valuesOf(Dataset d) {
        float[] v = d.values();
        return Tensor.wrap(v, v.length, 1);
    }

    /**
     * Copies every parameter and buffer (batch norm's running statistics) of {@code from} whose name and shape exist
     * in {@code to}, except those whose name starts with {@code skip} (may be null).
     */
    private static void copyMatching(Module from, Module to, String skip) {
        Map<String, Tensor> target = to.stateDict();
        from.stateDict().forEach((name, t) -> {
            Tensor q = target.get(name);
            if (q != null && q.sameShape(t) && (skip == null || !name.startsWith(skip))) {
                q.copyFromInPlace(t.to(q.dtype()));
            }
        });
    }

    /** Settings of a {@link Training}; every one has a default. */
    public static final class Builder {
        private String layers = "64:relu";
        private boolean batchNorm;
        private double dropout;
        private ModelSpec spec;
        private Function<List<Variable>, Optimizer> optimizer = params -> new Sgd(params, 0.1);
        private int epochs;
        private Scaling.Kind scaling;
        private double validation = 0.1;
        private double test = 0.2;
        private TrainedModel init;
        private boolean tuneThreshold;
        private ClassWeights classWeights = ClassWeights.NONE;
        private TrainingLoop loop = TrainingLoop.LOCAL;
        /** Batch size, seed, patience, objective and listeners are the training loop's; they live there. */
        private final Trainer.Builder trainer = Trainer.builder().seed(42);

        /** Hidden layers in the short syntax {@code "64:relu,32:tanh"} (default {@code 64:relu}). */
        public Builder layers(String value) {
            this.layers = value;
            return this;
        }

        /** Batch normalisation before every hidden activation of {@link #layers} (default false). */
        public Builder batchNorm(boolean value) {
            this.batchNorm = value;
            return this;
        }

        /** Dropout of rate p in [0, 1) after every hidden activation of {@link #layers}; 0 (default) for none. */
        public Builder dropout(double value) {
            this.dropout = Normalization.requireDropoutRate(value);
            return this;
        }

        /** A full architecture instead of {@link #layers}; its output width must suit the target. */
        public Builder spec(ModelSpec value) {
            this.spec = value;
            return this;
        }

        /** The loss; by default the target's task chooses it. */
        public Builder objective(Objective value) {
            trainer.objective(value);
            return this;
        }

        /** Makes the optimiser from the network's parameters (default: SGD with learning rate 0.1). */
        public Builder optimizer(Function<List<Variable>, Optimizer> value) {
            this.optimizer = value;
            return this;
        }

        /**
         * Passes over the training rows; 0 (default) means 20, or enough for 500 steps on small data, or
         * {@value Training#FULL_BATCH_EPOCHS} for a full-batch optimiser (L-BFGS).
         */
        public Builder epochs(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("epochs must be positive, got " + value);
            }
            this.epochs = value;
            return this;
        }

        /** Rows per mini-batch (default 32). */
        public Builder batchSize(int value) {
            trainer.batchSize(value);
            return this;
        }

        /** Seed of the split, the initial weights and the shuffling (default 42). */
        public Builder seed(long value) {
            trainer.seed(value);
            return this;
        }

        /** Input scaling fitted on the training rows (default: the one the data source suggests). */
        public Builder scaling(Scaling.Kind value) {
            this.scaling = value;
            return this;
        }

        /** Share of the rows used for validation each epoch (default 0.1). */
        public Builder validation(double value) {
            this.validation = value;
            return this;
        }

        /** Share of the rows held out for testing (default 0.2; a preset test set is used instead when there is one). */
        public Builder test(double value) {
            this.test = value;
            return this;
        }

        /** The learning-rate schedule (default: none, a constant rate). */
        public Builder schedule(dev.nabla.optim.ScheduleConfig value) {
            trainer.schedule(value);
            return this;
        }

        /** Gradient clipping before every optimiser step (default: none). */
        public Builder clipping(dev.nabla.optim.Clipping value) {
            trainer.clipping(value);
            return this;
        }

        /** Early-stopping patience in epochs; 0 (default) trains every epoch. */
        public Builder patience(int value) {
            trainer.patience(value);
            return this;
        }

        /** Starts from this model: same classes continue its training, other classes get a new output layer. */
        public Builder init(TrainedModel value) {
            this.init = value;
            return this;
        }

        /** Hands the run's state to {@code sink} at epoch starts and every {@code everySteps} steps (a checkpoint). */
        public Builder checkpoints(long everySteps, java.util.function.Consumer<TrainingState> sink) {
            trainer.checkpoints(everySteps, sink);
            return this;
        }

        /** Stops the run before the next step when {@code value} answers true (see {@link Trainer.Builder#stopWhen}). */
        public Builder stopWhen(java.util.function.BooleanSupplier value) {
            trainer.stopWhen(value);
            return this;
        }

        /** How much each class counts in the loss (default: none; balanced for rare classes). */
        public Builder classWeights(ClassWeights value) {
            this.classWeights = java.util.Objects.requireNonNull(value);
            return this;
        }

        /**
         * For two classes, choose the decision threshold with the best F1 on the validation rows instead of 0.5
         * (for imbalanced classes); the model keeps it.
         */
        public Builder tuneThreshold(boolean value) {
            this.tuneThreshold = value;
            return this;
        }

        /** Where the training loop runs (default: {@link TrainingLoop#LOCAL}, in this process). */
        public Builder loop(TrainingLoop value) {
            this.loop = java.util.Objects.requireNonNull(value);
            return this;
        }

        public Builder listener(TrainListener value) {
            trainer.listener(value);
            return this;
        }

        public Training build() {
            return new Training(this);
        }
    }
}
