package dev.nabla.train;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.data.Dataset;
import dev.nabla.metrics.Metric;
import dev.nabla.nn.Module;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Schedule;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop: for each epoch, mini-batches of the (reshuffled) training rows, each a forward pass,
 * the loss, {@code backward()} and one optimiser step; then validation, listeners and early stopping. An optimiser
 * that re-evaluates the loss within its step (L-BFGS, {@link Optimizer#fullBatch()}) gets all training rows as one
 * batch, so an epoch is one of its steps. The training metrics of an epoch are measured before each update.
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
    private final ScheduleConfig schedule;
    private final Clipping clipping;
    private final List<TrainListener> listeners;
    private final long checkpointEvery;
    private final java.util.function.Consumer<TrainingState> sink;
    private final java.util.function.BooleanSupplier stopWhen;
    private final Replication replication;

    private Trainer(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.patience = b.patience;
        this.objective = b.objective;
        this.schedule = b.schedule;
        this.clipping = b.clipping;
        this.listeners = List.copyOf(b.listeners);
        this.checkpointEvery = b.checkpointEvery;
        this.sink = b.sink;
        this.stopWhen = b.stopWhen;
        this.replication = b.replication;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Passes over the training rows. */
    public int epochs() {
        return epochs;
    }

    /** Rows per mini-batch (an optimiser that re-evaluates the loss gets all rows instead). */
    public int batchSize() {
        return batchSize;
    }

    /** Whether the rows are reshuffled every epoch. */
    public boolean shuffle() {
        return shuffle;
    }

    /** Seed of the shuffling generator. */
    public long seed() {
        return seed;
    }

    /** Early-stopping patience in epochs (0: never stops). */
    public int patience() {
        return patience;
    }

    /** The learning-rate schedule, or null for a constant rate. */
    public ScheduleConfig schedule() {
        return schedule;
    }

    /** Gradient clipping before every optimiser step. */
    public Clipping clipping() {
        return clipping;
    }

    /** The listeners, in the order they were added. */
    public List<TrainListener> listeners() {
        return listeners;
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
     * @throws DivergedException when the loss or a gradient stops being finite (the weights before that step kept)
     */
    public History fit(Module model, Optimizer optimizer, Dataset train, Dataset validation) {
        return fit(model, optimizer, train, validation, null);
    }

    /**
     * {@link #fit(Module, Optimizer, Dataset, Dataset)}, continuing from {@code resume} (null: from the start) — the
     * state a checkpoint of the same run, with the same settings and data, recorded — so that the run ends with the
     * bits it would have had left alone.
     */
    public History fit(Module model, Optimizer optimizer, Dataset train, Dataset validation, TrainingState resume) {
        Objective obj = objectiveFor(train);
        Batches batches = batches(train, optimizer);
        long perEpoch = batches.batchesPerPass();
        int rows = replication == null ? train.rows() : replication.rows();
        int[] numbers = replication == null ? null : new int[Math.min(rows, optimizer.fullBatch() ? rows : batchSize)];
        for (TrainListener l : listeners) {
            l.onTrainStart(epochs, (int) perEpoch, rows);
        }
        TrainingRun run = new TrainingRun(model, optimizer, train, resume, patience, listeners, sink);
        Schedule rates = schedule == null ? null : schedule.create(optimizer, perEpoch, epochs);
        if (resume != null) {
            run.restore(rates);
            batches.seek(resume.epoch() - 1, resume.step());
        }
        try (TrainingStep step = new TrainingStep(model, obj, optimizer).clipping(clipping).schedule(rates)
                .reduction(replication)) {
            for (int epoch = run.firstEpoch; epoch <= epochs && !run.stopped; epoch++) {
                long start = System.nanoTime();
                for (TrainListener l : listeners) {
                    l.onEpochStart(epoch);
                }
                model.train(true);
                RunningMetrics running = run.running(epoch);
                boolean continued = run.continues(epoch);
                Iterator<Batch> it = continued ? batches : batches.iterator();
                long index = continued ? resume.step() : 0;
                double rate = run.rate(epoch, optimizer);
                while (it.hasNext()) {
                    if (stopWhen.getAsBoolean()) {
                        run.interrupt(epoch, index, running, rate, rates);
                        break;
                    }
                    Batch batch = it.next();
                    Batch share = replication == null ? batch : replication.share(rowNumbers(batch, numbers), batch.size());
                    double value = step.gradients(share);
                    rate = optimizer.learningRate();
                    run.guard(epoch, index + 1, value, rate);
                    // Before the update: an optimiser that re-evaluates the loss reuses the step's buffers.
                    int correct = count(running, value, step.outputs(), share);
                    step.update();
                    index++;
                    for (TrainListener l : listeners) {
                        l.onBatchEnd(epoch, (int) index, value, batch.size(), correct);
                    }
                    if (checkpointEvery > 0 && index % checkpointEvery == 0 && index < perEpoch && sink != null) {
                        sink.accept(run.state(epoch, index, running, rate, rates));
                    }
                }
                if (run.interrupted) {
                    break;
                }
                Map<String, Double> validated = validation != null && validation.rows() > 0
                        ? evaluate(model, obj, validation) : Map.of();
                if (replication != null) {
                    validated = replication.validation(validated);
                }
                EpochResult result = new EpochResult(epoch, running.metrics(), validated,
                        Duration.ofNanos(System.nanoTime() - start), rate);
                run.results.add(result);
                for (TrainListener l : listeners) {
                    l.onEpochEnd(result);
                }
                String loss = Metric.LOSS.id();
                double monitored = validated.isEmpty() ? result.get(loss) : result.validation(loss);
                if (rates != null) {
                    rates.epochEnd(monitored);
                }
                run.epochEnd(epoch, monitored);
                if (sink != null && !run.stopped && epoch < epochs) {
                    sink.accept(run.state(epoch + 1, 0, new RunningMetrics(train.task()), rate, rates));
                }
            }
        }
        History history = run.finish();
        for (TrainListener l : listeners) {
            l.onTrainEnd(history);
        }
        return history;
    }

    /**
     * The batches of a pass: of the training rows, or for a replica of their global row numbers (an F64 column) — the
     * same shuffle and cuts either way, as they depend only on the number of rows, the batch size and the seed.
     */
    private Batches batches(Dataset train, Optimizer optimizer) {
        Tensor x = train.features();
        Tensor y = train.targets();
        if (replication != null) {
            double[] numbers = new double[replication.rows()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = i;
            }
            x = Tensor.wrap(numbers, numbers.length, 1);
            y = x;
        }
        // An optimiser that re-evaluates the loss within a step (L-BFGS) must see the same rows each time.
        return optimizer.fullBatch() ? Batches.inOrder(x, y, Math.max(1, x.rows()))
                : shuffle ? Batches.miniBatch(x, y, batchSize, new SplittableRandom(seed))
                : Batches.inOrder(x, y, batchSize);
    }

    /** The global row numbers of a replica's batch, into {@code out}. */
    private static int[] rowNumbers(Batch batch, int[] out) {
        Tensor column = batch.features();
        for (int i = 0; i < batch.size(); i++) {
            out[i] = (int) column.get(i);
        }
        return out;
    }

    /** Adds a trained batch to the running metrics (for a replica, the whole batch); returns its rows classified right. */
    private int count(RunningMetrics running, double value, Tensor outputs, Batch batch) {
        if (replication == null) {
            return running.add(value, outputs, batch);
        }
        running.add(value, replication.batchRows(), replication.batchCorrect());
        return (int) replication.batchCorrect();
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

    /** Settings of a {@link Trainer}; every one has a default. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed = 0;
        private int patience = 0;
        private Objective objective;
        private ScheduleConfig schedule;
        private Clipping clipping = Clipping.NONE;
        private final List<TrainListener> listeners = new ArrayList<>();
        private long checkpointEvery;
        private java.util.function.Consumer<TrainingState> sink;
        private java.util.function.BooleanSupplier stopWhen = () -> false;
        private Replication replication;

        /**
         * Hands {@code sink} the run's state at the start of every epoch after the first and every {@code everySteps}
         * steps within an epoch (0: epoch starts only) — what a checkpoint writes; a run resumed from it ends with
         * the same bits.
         */
        public Builder checkpoints(long everySteps, java.util.function.Consumer<TrainingState> sink) {
            if (everySteps < 0) {
                throw new IllegalArgumentException("checkpoint interval must be zero or positive, got " + everySteps);
            }
            this.checkpointEvery = everySteps;
            this.sink = java.util.Objects.requireNonNull(sink);
            return this;
        }

        /**
         * Asked before every step: when it answers true the run stops there (the step before it complete), hands its
         * state to the checkpoint sink, and returns a history marked interrupted (e.g. on Ctrl-C).
         */
        public Builder stopWhen(java.util.function.BooleanSupplier value) {
            this.stopWhen = java.util.Objects.requireNonNull(value);
            return this;
        }

        /**
         * Runs the loop as one replica of exact data-parallel training (null, the default: the whole of every batch in
         * this process); see {@link Replication}.
         */
        public Builder replication(Replication value) {
            this.replication = value;
            return this;
        }

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

        /** The learning-rate schedule, stepped after every optimiser step; null (default) keeps the rate constant. */
        public Builder schedule(ScheduleConfig value) {
            this.schedule = value;
            return this;
        }

        /** Gradient clipping before every optimiser step (default: none). */
        public Builder clipping(Clipping value) {
            this.clipping = java.util.Objects.requireNonNull(value);
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
            c.schedule = schedule;
            c.clipping = clipping;
            c.listeners.addAll(listeners);
            c.checkpointEvery = checkpointEvery;
            c.sink = sink;
            c.stopWhen = stopWhen;
            c.replication = replication;
            return c;
        }

        int batchSize() {
            return batchSize;
        }

        long seed() {
            return seed;
        }

        int patience() {
            return patience;
        }

        Objective objective() {
            return objective;
        }
    }
}
