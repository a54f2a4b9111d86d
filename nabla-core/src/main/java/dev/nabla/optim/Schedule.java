package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learning-rate schedule running on an optimiser: after every optimiser step {@link #step()} sets the rate of the
 * next one, η_t = (t+1)/(W+1)·c(0) during a linear warm-up of W steps, then η_t = c(t − W) for the schedule's curve
 * c (PyTorch's {@code SequentialLR} of {@code LinearLR(start_factor=1/(W+1), total_iters=W)} and the schedule);
 * {@link #epochEnd} feeds reduce-on-plateau. Made by {@link ScheduleConfig#create}; its state is a map of numbers
 * ({@link #state()}) for a checkpoint.
 */
public final class Schedule {
    private final Optimizer optimizer;
    private final int warmup;
    private final Curve curve;
    private long step;

    Schedule(Optimizer optimizer, int warmup, Curve curve) {
        this.optimizer = optimizer;
        this.warmup = warmup;
        this.curve = curve;
        optimizer.learningRate(rate(0));
    }

    /** The rate of step t (0-based) of the run. */
    public double rate(long t) {
        if (t < warmup) {
            return curve.rate(0) * (t + 1) / (warmup + 1);
        }
        return curve.rate(t - warmup);
    }

    /** After an optimiser step: sets the rate of the next one. */
    public void step() {
        step++;
        optimizer.learningRate(rate(step));
    }

    /** After an epoch's validation: {@code loss} is the monitored loss (validation loss, else training loss). */
    public void epochEnd(double loss) {
        curve.epochEnd(loss);
        optimizer.learningRate(rate(step));
    }

    /** Optimiser steps taken so far. */
    public long steps() {
        return step;
    }

    /** The rate of the next step. */
    public double learningRate() {
        return optimizer.learningRate();
    }

    /**
     * The schedule's state as numbers: {@code step}, {@code learning_rate} and, for reduce-on-plateau,
     * {@code plateau_lr}, {@code best}, {@code num_bad_epochs} and {@code cooldown_counter}. A copy.
     */
    public Map<String, Double> state() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("step", (double) step);
        s.put("learning_rate", optimizer.learningRate());
        s.putAll(curve.state());
        return s;
    }

    /**
     * Restores a state written by {@link #state()} (the optimiser's rate follows it).
     *
     * @throws IllegalArgumentException naming a missing or unexpected key
     */
    public void loadState(Map<String, Double> state) {
        java.util.Set<String> expected = state().keySet();
        if (!expected.equals(state.keySet())) {
            throw new IllegalArgumentException("schedule state has keys " + state.keySet() + ", expected " + expected);
        }
        step = state.get("step").longValue();
        curve.loadState(state);
        optimizer.learningRate(rate(step));
    }
}
