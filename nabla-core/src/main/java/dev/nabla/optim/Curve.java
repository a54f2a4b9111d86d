package dev.nabla.optim;

import java.util.Map;

/**
 * The shape of a schedule after its warm-up: the learning rate of the t-th step (t = 0, 1, …) counted from the end
 * of the warm-up. Closed forms are functions of t alone; reduce-on-plateau also reads the end of each epoch and has
 * state of its own.
 */
interface Curve {
    double rate(long t);

    /** Called after each epoch's validation with the monitored loss. */
    default void epochEnd(double loss) {
    }

    /** Counters beyond the step count, by PyTorch's names, for a checkpoint. */
    default Map<String, Double> state() {
        return Map.of();
    }

    default void loadState(Map<String, Double> state) {
    }
}
