package dev.nabla.spark;

import dev.nabla.io.CheckpointFile;
import dev.nabla.io.ModelFileException;
import dev.nabla.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.spark.BarrierTaskContext;

/**
 * Faults of the barrier stage. When a task dies Spark fails the stage and runs it again as a whole; rank 0 has been
 * writing checkpoints ({@link CheckpointFile}, atomic) to a directory every replica reads, and the replicas of a
 * retried attempt continue from the newest one through the trainer's resume path — which is exact, so the run ends
 * with the weights it would have had uninterrupted. The directory must be shared by the executors (as Spark's own
 * checkpoint directory is).
 */
final class Checkpoints {
    private Checkpoints() {
    }

    /**
     * The state a replica starts from: {@code given} (the run's resume state, or null), or on a retried attempt the
     * newest checkpoint this run wrote — rank 0's choice, so that all replicas take the same.
     */
    static TrainingState startingState(Plan plan, TrainingState given, BarrierTaskContext context) {
        Path dir = plan.recovery().directory();
        if (dir == null || context.stageAttemptNumber() == 0) {
            return given;
        }
        String mine = context.partitionId() == 0 ? newest(plan, given) : "";
        String chosen = context.allGather(mine)[0];
        if (chosen.isEmpty()) {
            return given;
        }
        try {
            TrainingState state = CheckpointFile.read(Path.of(chosen)).state();
            if (context.partitionId() == 0) {
                System.err.println("nabla: stage attempt " + context.stageAttemptNumber() + " resumes from " + chosen
                        + " (epoch " + state.epoch() + ", step " + state.step() + ")");
            }
            return state;
        } catch (ModelFileException e) {
            throw new IllegalStateException("the checkpoint rank 0 chose cannot be read: " + e.getMessage(), e);
        }
    }

    /** The newest checkpoint of the run's directory written by this run past {@code given}, or "" for none. */
    private static String newest(Plan plan, TrainingState given) {
        try {
            CheckpointFile.Checkpoint c = CheckpointFile.latest(plan.recovery().directory());
            long step = c.state().globalStep(plan.batchesPerPass());
            long from = given == null ? 0 : given.globalStep(plan.batchesPerPass());
            return step > plan.recovery().existing() && step > from ? c.file().toString() : "";
        } catch (ModelFileException e) {
            return "";
        }
    }

    /**
     * The global step of the newest checkpoint in {@code dir} before a run begins (−1 for none): a retried stage
     * takes only later ones, written by the run.
     */
    static long existing(Path dir, long batchesPerPass) {
        if (dir == null || !Files.isDirectory(dir)) {
            return -1;
        }
        try {
            return CheckpointFile.latest(dir).state().globalStep(batchesPerPass);
        } catch (ModelFileException e) {
            return -1;
        }
    }

    /** Rank 0's checkpoint sink: each state into the run's directory, numbered by its global step; null for none. */
    static Consumer<TrainingState> sink(Plan plan) {
        Path dir = plan.recovery().directory();
        if (dir == null) {
            return null;
        }
        long perPass = plan.batchesPerPass();
        List<String> args = plan.recovery().args();
        return state -> {
            try {
                CheckpointFile.write(dir, state.globalStep(perPass), state, args);
            } catch (IOException e) {
                throw new UncheckedIOException("checkpoint into " + dir + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * The trainer's stop question, which for the tests' injected fault ({@link Plan.Recovery#failAt()}) makes the
     * first attempt's {@code chosen} replica fail before that global step.
     */
    static BooleanSupplier fault(Plan plan, TrainingState from, BarrierTaskContext context, boolean chosen) {
        long at = plan.recovery().failAt();
        if (at <= 0 || !chosen || context.stageAttemptNumber() > 0) {
            return () -> false;
        }
        long[] step = {from == null ? 0 : from.globalStep(plan.batchesPerPass())};
        return () -> {
            if (++step[0] == at) {
                throw new IllegalStateException("a fault injected before step " + at);
            }
            return false;
        };
    }
}
