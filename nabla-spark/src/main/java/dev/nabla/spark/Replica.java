package dev.nabla.spark;

import dev.nabla.data.Batch;
import dev.nabla.data.Dataset;
import dev.nabla.data.Task;
import dev.nabla.metrics.Metric;
import dev.nabla.nn.Module;
import dev.nabla.nn.Positioned;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.History;
import dev.nabla.train.Replication;
import dev.nabla.train.RunningMetrics;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One replica of exact synchronous data-parallel training: the {@link Trainer}'s own loop, told what differs through
 * {@link Replication}. It trains on the rows it holds of every global batch ({@link Shares}), with dropout masks drawn
 * by each row's place in the global batch; {@link AllReduce} turns its share's gradient into the whole batch's; its
 * validation metrics come from rank 0 round the ring. Checkpoints, resuming and the divergence guard are the
 * trainer's.
 */
final class Replica implements Replication {
    private final Plan plan;
    private final Module model;
    private final Rows rows;
    private final Shares shares;
    private final Ring ring;
    private final Dataset validation;
    private final Positioned[] positioned;
    private final boolean classes;
    private AllReduce reduce;
    private long batchRows;
    private long batchCorrect;

    /**
     * @param first      the global number of the first of {@code rows}
     * @param validation the validation rows on rank 0 (null elsewhere, or when there are none)
     */
    Replica(Plan plan, Module model, Rows rows, long first, Ring ring, Dataset validation) {
        this.plan = plan;
        this.model = model;
        this.rows = rows;
        this.shares = new Shares(rows, first);
        this.ring = ring;
        this.validation = validation;
        this.positioned = model.modules().stream().filter(m -> m instanceof Positioned).map(m -> (Positioned) m)
                .toArray(Positioned[]::new);
        this.classes = plan.task() != Task.REGRESSION;
    }

    /**
     * Trains the model in place from {@code resume} (null: the start), handing states to {@code checkpoints} (null:
     * none) and asking {@code stopWhen} before every step; returns the history (the same on every replica).
     */
    History train(TrainingState resume, Consumer<TrainingState> checkpoints, BooleanSupplier stopWhen) {
        Optimizer optimizer = plan.optimizer().create(model.parameters());
        reduce = ring.size() > 1 ? new AllReduce(ring, optimizer.parameters(), plan.objective(), classes) : null;
        Trainer.Builder trainer = plan.trainer().replication(this).stopWhen(stopWhen);
        if (checkpoints != null) {
            trainer.checkpoints(plan.recovery().every(), checkpoints);
        }
        return trainer.build().fit(model, optimizer, rows.dataset(plan.task(), plan.classes()), validation, resume);
    }

    @Override
    public int rows() {
        return Math.toIntExact(plan.rows());
    }

    @Override
    public Batch share(int[] rowNumbers, int n) {
        Batch share = shares.of(rowNumbers, n);
        for (Positioned p : positioned) {
            p.rows(shares.positions());
        }
        return share;
    }

    @Override
    public double reduce(double loss, Tensor outputs, Batch share) {
        if (reduce == null) {
            batchRows = share.size();
            batchCorrect = classes && share.size() > 0 ? RunningMetrics.correct(outputs, share) : 0;
            return loss;
        }
        double whole = reduce.reduce(loss, outputs, share);
        batchRows = reduce.rows();
        batchCorrect = reduce.correct();
        return whole;
    }

    @Override
    public long batchRows() {
        return batchRows;
    }

    @Override
    public long batchCorrect() {
        return batchCorrect;
    }

    /** Rank 0's validation metrics, sent round the ring (the others add zeros); empty without validation rows. */
    @Override
    public Map<String, Double> validation(Map<String, Double> measured) {
        List<String> names = new ArrayList<>(List.of(Metric.LOSS.id()));
        if (classes) {
            names.add(Metric.ACCURACY.id());
        }
        double[] values = new double[names.size() + 1];
        if (!measured.isEmpty()) {
            values[0] = 1;
            for (int i = 0; i < names.size(); i++) {
                values[i + 1] = measured.get(names.get(i));
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
}
