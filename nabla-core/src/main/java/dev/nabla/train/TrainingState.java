package dev.nabla.train;

import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs to continue exactly where it stood — so that a run resumed from it ends with the
 * same bits as the run left alone: where it is, the weights and buffers, the optimiser's and the schedule's state,
 * the generators' positions, the partial epoch's running metrics, the history so far and the early-stopping record.
 * The tensors are copies, owned by the state.
 *
 * @param epoch          the epoch under way (1-based): {@code step} of its batches are done
 * @param step           batches done in {@code epoch} (0 at an epoch's start)
 * @param model          the model's state dict
 * @param optimizer      the optimiser's state dict
 * @param schedule       the schedule's state (empty without a schedule)
 * @param generators     positions of the model's own generators (dropout masks), by module path
 * @param lossSum        the partial epoch's row-weighted loss sum
 * @param correct        the partial epoch's rows classified right
 * @param rows           the partial epoch's rows
 * @param learningRate   the learning rate of the partial epoch's last update
 * @param history        the epochs completed
 * @param bestLoss       the lowest monitored loss so far (+∞ before any)
 * @param bestEpoch      the epoch it came from (0 before any)
 * @param best           the best epoch's state dict (with patience), or null
 */
public record TrainingState(int epoch, long step, Map<String, Tensor> model, Map<String, Tensor> optimizer,
                            Map<String, Double> schedule, Map<String, Long> generators, double lossSum, long correct,
                            long rows, double learningRate, List<EpochResult> history, double bestLoss, int bestEpoch,
                            Map<String, Tensor> best) {
    public TrainingState {
        model = ordered(model);
        optimizer = ordered(optimizer);
        schedule = ordered(schedule);
        generators = ordered(generators);
        history = List.copyOf(history);
        best = best == null ? null : ordered(best);
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }

    /** Optimiser steps taken so far, counting the epochs of the history as whole passes of {@code batches} each. */
    public long globalStep(long batches) {
        return (long) (epoch - 1) * batches + step;
    }
}
