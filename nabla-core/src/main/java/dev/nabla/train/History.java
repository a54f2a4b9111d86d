package dev.nabla.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch record of one {@link Trainer#fit} run.
 *
 * @param epochs       one entry per epoch run, in order
 * @param bestEpoch    the epoch whose weights the model holds at the end (the last one without early stopping)
 * @param stoppedEarly whether patience ran out before the last epoch
 * @param interrupted  whether the run was asked to stop (a signal) before its end; the last epoch may be partial
 */
public record History(List<EpochResult> epochs, int bestEpoch, boolean stoppedEarly, boolean interrupted) {
    public History {
        epochs = List.copyOf(epochs);
    }

    /** A history of a run that was not interrupted. */
    public History(List<EpochResult> epochs, int bestEpoch, boolean stoppedEarly) {
        this(epochs, bestEpoch, stoppedEarly, false);
    }

    /** The values of one training metric over the epochs (NaN where an epoch lacks it). */
    public List<Double> series(String metric) {
        List<Double> out = new ArrayList<>(epochs.size());
        for (EpochResult e : epochs) {
            out.add(e.get(metric));
        }
        return out;
    }

    /** The values of one validation metric over the epochs (NaN where an epoch lacks it). */
    public List<Double> validationSeries(String metric) {
        List<Double> out = new ArrayList<>(epochs.size());
        for (EpochResult e : epochs) {
            out.add(e.validation(metric));
        }
        return out;
    }

    /** The learning rate of each epoch's last update (NaN where it was not recorded). */
    public List<Double> learningRates() {
        List<Double> out = new ArrayList<>(epochs.size());
        for (EpochResult e : epochs) {
            out.add(e.learningRate());
        }
        return out;
    }

    /** The last epoch's result. */
    public EpochResult last() {
        return epochs.get(epochs.size() - 1);
    }

    /** The epoch whose weights the model holds. */
    public EpochResult kept() {
        return epochs.get(Math.max(1, bestEpoch) - 1);
    }

    /** Names of the training metrics recorded, in the first epoch's order. */
    public List<String> metricNames() {
        return epochs.isEmpty() ? List.of() : List.copyOf(epochs.get(0).train().keySet());
    }
}
