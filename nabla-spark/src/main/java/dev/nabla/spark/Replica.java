package dev.nabla.spark;

import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.data.Dataset;
import dev.nabla.metrics.Metric;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Schedule;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.EpochResult;
import dev.nabla.train.History;
import dev.nabla.train.RunningMetrics;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingException;
import dev.nabla.train.TrainingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One replica of exact synchronous data-parallel training: the {@link Trainer}'s loop on a share of every batch.
 * Every replica draws the same global batches as the single-process trainer — the same seeded shuffle of the
 * global row numbers every epoch, the same cuts — takes the rows it holds, and lets {@link AllReduce} turn its
 * share's gradient into the whole batch's; then each applies the same update to the same weights. Validation runs
 * on rank 0, whose metrics go round the ring so that every replica takes the same early-stopping decision.
 */
final class Replica {
    private final Plan plan;
    private final Module model;
    private final Shares shares;
    private final Ring ring;
    private final Dataset validation;

    /**
     * @param validation the validation rows on rank 0 (null elsewhere, or when there are none)
     */
    Replica(Plan plan, Module model, Rows rows, long first, Ring ring, Dataset validation) {
        this.plan = plan;
        this.model = model;
        this.shares = new Shares(rows, first);
        this.ring = ring;
        this.validation = validation;
    }

    /** Trains the model in place; returns the history (the same on every replica). */
    History train() {
        Optimizer optimizer = plan.optimizer().create(model.parameters());
        int n = Math.toIntExact(plan.rows());
        boolean full = optimizer.fullBatch();
        int batchSize = full ? Math.max(1, n) : Math.min(plan.batchSize(), Math.max(1, n));
        long perPass = (n + batchSize - 1) / batchSize;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = !full && plan.shuffle() ? new SplittableRandom(plan.seed()) : null;
        Schedule rates = plan.schedule() == null ? null : plan.schedule().create(optimizer, perPass, plan.epochs());
        boolean classes = plan.task() != dev.nabla.data.Task.REGRESSION;
        AllReduce reduce = ring.size() > 1 ? new AllReduce(ring, optimizer.parameters(), plan.objective(), classes) : null;
        List<EpochResult> results = new ArrayList<>();
        Map<String, Tensor> best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        boolean stopped = false;
        try (TrainingStep step = new TrainingStep(model, plan.objective(), optimizer).clipping(plan.clipping())
                .schedule(rates).reduction(reduce)) {
            for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
                long start = System.nanoTime();
                model.train(true);
                if (rng != null) {
                    Batches.shuffle(order, rng);
                }
                RunningMetrics running = new RunningMetrics(plan.task());
                double rate = optimizer.learningRate();
                for (long b = 0; b < perPass; b++) {
                    int from = (int) (b * batchSize);
                    Batch share = shares.of(order, from, Math.min(n, from + batchSize));
                    double value = step.gradients(share);
                    if (!Double.isFinite(value)) {
                        throw new TrainingException("epoch " + epoch + ", batch " + (b + 1) + ": the loss is "
                                + value + "; lower the learning rate or scale the features");
                    }
                    if (reduce != null) {
                        running.add(value, reduce.rows(), reduce.correct());
                    } else {
                        running.add(value, step.outputs(), share);
                    }
                    rate = optimizer.learningRate();
                    step.update();
                }
                Map<String, Double> validated = validate();
                EpochResult result = new EpochResult(epoch, running.metrics(), validated,
                        Duration.ofNanos(System.nanoTime() - start), rate);
                results.add(result);
                String loss = Metric.LOSS.id();
                double monitored = validated.isEmpty() ? result.get(loss) : result.validation(loss);
                if (rates != null) {
                    rates.epochEnd(monitored);
                }
                if (monitored < bestLoss) {
                    bestLoss = monitored;
                    bestEpoch = epoch;
                    if (plan.patience() > 0) {
                        best = snapshot(model);
                    }
                } else if (plan.patience() > 0 && epoch - bestEpoch >= plan.patience()) {
                    stopped = true;
                    break;
                }
            }
        }
        if (best != null && bestEpoch != results.size()) {
            model.loadStateDict(best);
        } else if (best == null) {
            bestEpoch = results.size();
        }
        return new History(results, bestEpoch, stopped);
    }

    /**
     * The validation metrics, measured on rank 0 and sent round the ring (the others add zeros), so that every
     * replica holds rank 0's numbers; empty without validation rows.
     */
    private Map<String, Double> validate() {
        Map<String, Double> metrics = validation != null ? Trainer.evaluate(model, plan.objective(), validation) : Map.of();
        List<String> names = new ArrayList<>(List.of(Metric.LOSS.id()));
        if (plan.task() != dev.nabla.data.Task.REGRESSION) {
            names.add(Metric.ACCURACY.id());
        }
        double[] values = new double[names.size() + 1];
        if (validation != null) {
            values[0] = 1;
            for (int i = 0; i < names.size(); i++) {
                values[i + 1] = metrics.get(names.get(i));
            }
        }
        ring.sum(values);
        if (values[0] == 0) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), values[i + 1]);
        }
        return out;
    }

    private static Map<String, Tensor> snapshot(Module model) {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> copies.put(name, t.copy()));
        return copies;
    }
}
