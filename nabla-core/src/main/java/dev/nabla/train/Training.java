package dev.nabla.train;

import dev.nabla.autograd.Variable;
import dev.nabla.data.DataException;
import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Scaling;
import dev.nabla.data.Split;
import dev.nabla.data.Task;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Sgd;
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

    private final Builder b;

    private Training(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the recipe on {@code source}. */
    public TrainingResult run(DataSource source) {
        Dataset data = source.data();
        if (data.isClassification() && data.classNames().size() < 2) {
            throw new DataException(data.name() + ": target '" + data.targetName() + "' has a single class '"
                    + data.classNames().get(0) + "'; classification needs at least two");
        }
        TrainedModel init = b.init;
        if (init != null && init.inputs() != data.featureCount()) {
            throw new DataException(data.name() + ": " + data.featureCount() + " features, but the initial model takes "
                    + init.inputs());
        }
        if (init != null && b.spec != null) {
            throw new IllegalArgumentException("a model to start from has its own architecture; give it or a spec, not both");
        }
        if (init != null) {
            source = new DataSource(data.withFeatureOrder(init.featureNames()),
                    source.presetTest() == null ? null : source.presetTest().withFeatureOrder(init.featureNames()),
                    source.scaling());
            data = source.data();
        }
        boolean sameClasses = init != null && data.isClassification() && init.classNames().containsAll(data.classNames());
        if (sameClasses) {
            source = new DataSource(data.withClassOrder(init.classNames()),
                    source.presetTest() == null ? null : source.presetTest().withClassOrder(init.classNames()),
                    source.scaling());
            data = source.data();
        }
        long seed = b.trainer.seed();
        Split split = Split.of(source, b.validation, b.test, seed);
        Task task = data.task();
        List<String> classes = sameClasses ? init.classNames() : data.classNames();
        Objective objective = b.trainer.objective() != null ? b.trainer.objective() : Objective.forTask(task);
        int outputs = objective.outputs(task, classes.size());

        Scaling scaling = init != null ? init.scaling() : Scaling.fit(b.scaling != null ? b.scaling : source.scaling(), split.train().features());
        Scaling targetScaling = init != null && init.task() == Task.REGRESSION ? init.targetScaling()
                : task == Task.REGRESSION ? Scaling.fit(Scaling.Kind.STANDARD, valuesOf(split.train()))
                : new Scaling(Scaling.Kind.NONE, new float[1], new float[] {1});

        ModelSpec spec = init != null ? init.spec() : b.spec != null ? b.spec : ModelSpec.mlp(data.featureCount(), b.layers, outputs);
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
        Module network = spec.build(new SplittableRandom(seed));
        if (init != null) {
            // Other classes: the output layer starts fresh rather than from the old classes' weights.
            copyMatching(init.network(), network, sameClasses || task == Task.REGRESSION ? null
                    : (spec.layers().size() - 1) + ".");
        }
        Optimizer optimizer = b.optimizer.apply(network.parameters());
        Trainer trainer = b.trainer.copy()
                .epochs(b.epochs > 0 ? b.epochs : autoEpochs(split.train().rows(), b.trainer.batchSize()))
                .objective(objective).build();
        Dataset validation = split.validation().rows() > 0 ? prepare(split.validation(), scaling, targetScaling) : null;
        History history = trainer.fit(network, optimizer, prepare(split.train(), scaling, targetScaling), validation);
        TrainedModel model = new TrainedModel(spec, network, task, objective, scaling, targetScaling, classes,
                data.featureNames(), data.targetName());
        return new TrainingResult(model, history, split.train(), split.validation(), split.test());
    }

    /**
     * {@value #DEFAULT_EPOCHS} epochs, or more on small data so that training takes at least {@value #MIN_STEPS}
     * steps (Iris's 120 training rows make 4 batches an epoch), at most {@value #MAX_AUTO_EPOCHS}.
     */
    static int autoEpochs(int rows, int batchSize) {
        int batches = Math.max(1, (rows + batchSize - 1) / batchSize);
        return Math.min(MAX_AUTO_EPOCHS, Math.max(DEFAULT_EPOCHS, (MIN_STEPS + batches - 1) / batches));
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
     * Copies every parameter of {@code from} whose name and shape exist in {@code to}, except those whose name
     * starts with {@code skip} (may be null).
     */
    private static void copyMatching(Module from, Module to, String skip) {
        Map<String, Variable> target = to.namedParameters();
        from.namedParameters().forEach((name, p) -> {
            Variable q = target.get(name);
            if (q != null && q.data().sameShape(p.data()) && (skip == null || !name.startsWith(skip))) {
                q.data().copyFromInPlace(p.data().to(q.data().dtype()));
            }
        });
    }

    /** Settings of a {@link Training}; every one has a default. */
    public static final class Builder {
        private String layers = "64:relu";
        private ModelSpec spec;
        private Function<List<Variable>, Optimizer> optimizer = params -> new Sgd(params, 0.1);
        private int epochs;
        private Scaling.Kind scaling;
        private double validation = 0.1;
        private double test = 0.2;
        private TrainedModel init;
        /** Batch size, seed, patience, objective and listeners are the training loop's; they live there. */
        private final Trainer.Builder trainer = Trainer.builder().seed(42);

        /** Hidden layers in the short syntax {@code "64:relu,32:tanh"} (default {@code 64:relu}). */
        public Builder layers(String value) {
            this.layers = value;
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

        /** Passes over the training rows; 0 (default) means 20, or enough for 500 steps on small data. */
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

        public Builder listener(TrainListener value) {
            trainer.listener(value);
            return this;
        }

        public Training build() {
            return new Training(this);
        }
    }
}
