package dev.nabla.train;

import dev.nabla.data.Batch;
import java.util.Map;

/**
 * The {@link Trainer}'s loop run as one of K replicas of exact synchronous data-parallel training (nabla-spark):
 * what differs from one process, and nothing else. Every replica draws the batches the single-process trainer would
 * draw — as global row numbers, by the same seeded shuffle of {@link #rows()} rows and the same cuts — and trains on
 * the rows of each that it holds ({@link #share}); its gradient half ends in {@link #reduce}, which makes the share's
 * gradient and loss the whole batch's, so every replica takes the same update. Running metrics count the whole batch
 * ({@link #batchRows()}, {@link #batchCorrect()}), and validation metrics, measured where the validation rows are,
 * are shared ({@link #validation}), so that every replica takes the same early-stopping decision. Checkpoints,
 * resuming, the divergence guard and stop requests are the trainer's own. Given to
 * {@link Trainer.Builder#replication}.
 */
public interface Replication extends TrainingStep.Reduction {
    /** Training rows of all replicas together: batches are drawn from the row numbers 0 … rows() − 1. */
    int rows();

    /**
     * This replica's rows of the global batch whose row numbers are {@code rowNumbers[0..n)} (in batch order),
     * possibly none; valid until the next call.
     */
    Batch share(int[] rowNumbers, int n);

    /** Rows of the last reduced batch, over all replicas. */
    long batchRows();

    /** Rows of the last reduced batch classified right before the update, over all replicas (0 for numbers). */
    long batchCorrect();

    /**
     * The validation metrics of an epoch, the same on every replica, from those {@code measured} here (empty where
     * this replica holds no validation rows).
     */
    Map<String, Double> validation(Map<String, Double> measured);
}
