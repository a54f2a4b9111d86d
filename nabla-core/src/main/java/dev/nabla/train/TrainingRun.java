package dev.nabla.train;

import dev.nabla.data.Dataset;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Schedule;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One fit's moving parts: where it is, the early-stopping record and the guard against divergence. */
final class TrainingRun {
    /** A finite loss this many times the lowest so far is worth a warning. */
    private static final double EXPLODED = 1000;

    final Module model;
    final Optimizer optimizer;
    final Dataset train;
    final TrainingState resume;
    final List<EpochResult> results = new ArrayList<>();
    final int firstEpoch;
    Map<String, Tensor> best;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch;
    boolean stopped;
    boolean interrupted;
    double lowestLoss = Double.POSITIVE_INFINITY;
    boolean warned;

    private final int patience;
    private final List<TrainListener> listeners;
    private final Consumer<TrainingState> sink;

    TrainingRun(Module model, Optimizer optimizer, Dataset train, TrainingState resume, int patience,
                List<TrainListener> listeners, Consumer<TrainingState> sink) {
        this.model = model;
        this.optimizer = optimizer;
        this.train = train;
        this.resume = resume;
        this.patience = patience;
        this.listeners = listeners;
        this.sink = sink;
        this.firstEpoch = resume == null ? 1 : resume.epoch();
    }

    void restore(Schedule rates) {
        model.loadStateDict(resume.model());
        optimizer.loadStateDict(resume.optimizer());
        Generators.seek(model, resume.generators());
        if (rates != null) {
            rates.loadState(resume.schedule());
        }
        results.addAll(resume.history());
        bestLoss = resume.bestLoss();
        bestEpoch = resume.bestEpoch();
        best = resume.best();
    }

    /** Whether {@code epoch} continues the pass the checkpoint stood in (every other epoch is a new pass). */
    boolean continues(int epoch) {
        return resume != null && epoch == resume.epoch() && resume.step() > 0;
    }

    /** The running metrics of {@code epoch}: those the checkpoint recorded when it is the resumed one. */
    RunningMetrics running(int epoch) {
        if (continues(epoch)) {
            return new RunningMetrics(train.task(), resume.lossSum(), resume.correct(), resume.rows());
        }
        return new RunningMetrics(train.task());
    }

    double rate(int epoch, Optimizer optimizer) {
        return continues(epoch) ? resume.learningRate()
                : optimizer.learningRate();
    }

    /** Stops at a loss or gradient that is not finite; warns once when the loss explodes while finite. */
    void guard(int epoch, long step, double loss, double rate) {
        String what = !Double.isFinite(loss) ? "the loss is " + loss
                : !Gradients.finite(optimizer.parameters()) ? "a gradient is not finite (the loss is " + loss + ")"
                : null;
        if (what != null) {
            throw new DivergedException(epoch, step, "training diverged at epoch " + epoch + ", step " + step
                    + " (learning rate " + rate + "): " + what + "; the weights before this step are kept. Lower "
                    + "the learning rate, clip the gradients (--clip-norm 1) or scale the features");
        }
        if (loss > EXPLODED * lowestLoss && !warned && lowestLoss > 0) {
            warned = true;
            for (TrainListener l : listeners) {
                l.onWarning("epoch " + epoch + ", step " + step + ": the loss " + loss + " is over " + (long) EXPLODED
                        + " times its lowest so far (" + lowestLoss + "); the learning rate " + rate
                        + " may be too high");
            }
        }
        lowestLoss = Math.min(lowestLoss, loss);
    }

    void epochEnd(int epoch, double monitored) {
        if (monitored < bestLoss) {
            bestLoss = monitored;
            bestEpoch = epoch;
            if (patience > 0) {
                best = copies(model.stateDict());
            }
        } else if (patience > 0 && epoch - bestEpoch >= patience) {
            stopped = true;
        }
    }

    void interrupt(int epoch, long step, RunningMetrics running, double rate, Schedule rates) {
        interrupted = true;
        if (sink != null) {
            sink.accept(state(epoch, step, running, rate, rates));
        }
    }

    TrainingState state(int epoch, long step, RunningMetrics running, double rate, Schedule rates) {
        return new TrainingState(epoch, step, copies(model.stateDict()), copies(optimizer.stateDict()),
                rates == null ? Map.of() : rates.state(), Generators.positions(model), running.lossSum(),
                running.correct(), running.rows(), rate, results, bestLoss, bestEpoch, best);
    }

    History finish() {
        int kept = bestEpoch;
        if (best != null && bestEpoch != results.size()) {
            model.loadStateDict(best);
        } else if (best == null) {
            kept = results.size();
        }
        return new History(results, kept, stopped, interrupted);
    }

    /** The tensors copied (a model's buffers such as running statistics are part of the best epoch too). */
    private static Map<String, Tensor> copies(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, t) -> out.put(k, t.copy()));
        return out;
    }
}
