package dev.nabla.optim;

import java.util.Map;

/**
 * A learning-rate schedule as data — its name, arguments and warm-up — which becomes a {@link Schedule} once the
 * run's length is known. Made by {@link Schedules#config}, which refuses unknown names and arguments; the
 * constructor refuses invalid values before any data is read.
 *
 * @param name   one of {@link Schedules#names()}
 * @param args   the schedule's arguments by name, every one present
 * @param warmup W ≥ 0, the steps of linear warm-up before the schedule starts
 */
public record ScheduleConfig(String name, Map<String, Double> args, int warmup) {

    public ScheduleConfig {
        args = Map.copyOf(args);
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up must be zero or more steps, got " + warmup);
        }
        Schedules.curve(name, args, 1e-3, 1, 1);
    }

    /** The schedule for {@code optimizer} over {@code epochs} epochs of {@code stepsPerEpoch} optimiser steps. */
    public Schedule create(Optimizer optimizer, long stepsPerEpoch, int epochs) {
        if (stepsPerEpoch < 1 || epochs < 1) {
            throw new IllegalArgumentException("a schedule needs at least one step and one epoch, got "
                    + stepsPerEpoch + " and " + epochs);
        }
        long steps = Math.max(1, stepsPerEpoch * epochs - warmup);
        return new Schedule(optimizer, warmup, Schedules.curve(name, args, optimizer.learningRate(), stepsPerEpoch, steps));
    }

    /** e.g. {@code cosine (eta_min 1.0E-5), warm-up 100 steps}. */
    public String describe() {
        String changed = NamedArgs.changed(args, Schedules.defaults(name));
        return name + (changed.isEmpty() ? "" : " (" + changed + ")") + (warmup > 0 ? ", warm-up " + warmup + " steps" : "");
    }
}
