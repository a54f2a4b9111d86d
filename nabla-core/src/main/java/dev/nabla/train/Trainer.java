package dev.nabla.train;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.data.Dataset;
import dev.nabla.metrics.Metric;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop: for each epoch, mini-batches of the (reshuffled) training rows, each a forward pass,
 * the loss, {@code backward()} and one optimiser step; then validation, listeners and early stopping.
 * <pre>{@code
 * History h = Trainer.builder().epochs(20).batchSize(32).patience(5).build()
 *         .fit(model, new Adam(model.parameters(), 1e-3), train, validation);
 * }</pre>
 */
public final class Trainer {
    private static final int EVAL_CHUNK = 1024;

    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int patience;
    private final Objective objective;
    private final List<TrainListener> listeners;

    private Trainer(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.patience = b.patience;
        this.objective = b.objective;
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The objective used for {@code data}: the one configured, else the one its task calls for. */
    public Objective objectiveFor(Dataset data) {
        return objective != null ? objective : Objective.forTask(data.task());
    }

    /**
     * Trains {@code model} in place on {@code train}, validating on {@code validation} (may be null) after
     * every epoch. With patience p > 0 training stops after p epochs without a lower monitored loss
     * ({@code val_loss}, or {@code loss} without validation) and the best epoch's weights are restored.
     *
     * @throws TrainingException when the loss becomes NaN or infinite
     */
    public History fit(Module model, Optimizer optimizer, Dataset train, Dataset validation) {
        Objective obj = objectiveFor(train);
        Batches batches = shuffle
                ? Batches.miniBatch(train.features(), train.targets(), batchSize, new SplittableRandom(seed))
                : Batches.inOrder(train.features(), train.targets(), batchSize);
        for (TrainListener l : listeners) {
            l.onTrainStart(epochs, (int) batches.batchesPerPass(), train.rows());
        }
        List<EpochResult> results = new ArrayList<>();
        Map<String, Tensor> best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        boolean stopped = false;
        try (TrainingStep step = new TrainingStep(model, obj, optimizer)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                for (TrainListener l : listeners) {
                    l.onEpochStart(epoch);
                }
                model.train(true);
                RunningMetrics running = new RunningMetrics(train.task());
                int index = 0;
                for (Batch batch : batches) {
                    double value = step.gradients(batch);
                    if (!Double.isFinite(value)) {
                        throw new TrainingException("epoch " + epoch + ", batch " + (index + 1) + ": the loss is "
                                + value + "; lower the learning rate or scale the features");
                    }
                    step.update();
                    int correct = running.add(value, step.outputs(), batch);
                    index++;
                    for (TrainListener l : listeners) {
                        l.onBatchEnd(epoch, index, value, batch.size(), correct);
                    }
                }
                Map<String, Double> validated = validation != null && validation.rows() > 0
                        ? evaluate(model, obj, validation) : Map.of();
                EpochResult result = new EpochResult(epoch, running.metrics(), validated,
                        Duration.ofNanos(System.nanoTime() - start));
                results.add(result);
                for (TrainListener l : listeners) {
                    l.onEpochEnd(result);
                }
                String loss = Metric.LOSS.id();
                double monitored = validated.isEmpty() ? result.get(loss) : result.validation(loss);
                if (monitored < bestLoss) {
                    bestLoss = monitored;
                    bestEpoch = epoch;
                    if (patience > 0) {
                        best = snapshot(model);
                    }
                } else if (patience > 0 && epoch - bestEpoch >= patience) {
                    stopped = true;
                    break;
                }
            }
        }
        if (best != null && bestEpoch != results.size()) {
            restore(model, best);
        } else if (best == null) {
            bestEpoch = results.size();
        }
        History history = new History(results, bestEpoch, stopped);
        for (TrainListener l : listeners) {
            l.onTrainEnd(history);
        }
        return history;
    }

    /** Loss and accuracy (classification) of {@code model} on {@code data}, in evaluation mode. */
    public static Map<String, Double> evaluate(Module model, Objective obj, Dataset data) {
        boolean wasTraining = model.isTraining();
        model.eval();
        RunningMetrics running = new RunningMetrics(data.task());
        try (Grad.Scope ignored = Grad.noGrad(); Workspace ws = Workspace.open()) {
            for (Batch batch : Batches.inOrder(data.features(), data.targets(), EVAL_CHUNK)) {
                ws.reset();
                Variable out = model.forward(Variable.constant(batch.features()));
                running.add(obj.loss(out, batch).item(), out.data(), batch);
            }
        } finally {
            model.train(wasTraining);
        }
        return running.metrics();
    }

    /** The state dict's values copied (buffers such as running statistics are part of the best epoch too). */
    private static Map<String, Tensor> snapshot(Module model) {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> copies.put(name, t.copy()));
        return copies;
    }

    private static void restore(Module model, Map<String, Tensor> saved) {
        model.loadStateDict(saved);
    }

    /** Settings of a {@link Trainer}; every one has a default. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed = 0;
        private int patience = 0;
        private Objective objective;
        private final List<TrainListener> listeners = new ArrayList<>();

        /** Passes over the training rows (default 10). */
        public Builder epochs(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("epochs must be positive, got " + value);
            }
            this.epochs = value;
            return this;
        }

        /** Rows per mini-batch (default 32). */
        public Builder batchSize(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + value);
            }
            this.batchSize = value;
            return this;
        }

        /** Reshuffle the rows every epoch (default true). */
        public Builder shuffle(boolean value) {
            this.shuffle = value;
            return this;
        }

        /** Seed of the shuffling generator (default 0). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Stop after this many epochs without improvement and restore the best weights; 0 (default) never stops. */
        public Builder patience(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("patience must be zero or positive, got " + value);
            }
            this.patience = value;
            return this;
        }

        /** The loss to train on; by default the one the training target's task calls for. */
        public Builder objective(Objective value) {
            this.objective = value;
            return this;
        }

        /** Adds a listener. */
        public Builder listener(TrainListener value) {
            listeners.add(java.util.Objects.requireNonNull(value));
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }

        /** An independent builder with the same settings (a recipe fills in per-run values on the copy). */
        Builder copy() {
            Builder c = new Builder();
            c.epochs = epochs;
            c.batchSize = batchSize;
            c.shuffle = shuffle;
            c.seed = seed;
            c.patience = patience;
            c.objective = objective;
            c.listeners.addAll(listeners);
            return c;
        }

        int batchSize() {
            return batchSize;
        }

        long seed() {
            return seed;
        }

        Objective objective() {
            return objective;
        }
    }
}
