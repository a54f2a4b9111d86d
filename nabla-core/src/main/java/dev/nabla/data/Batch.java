package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/**
 * One batch: feature rows and the matching target rows. A {@link Batches} iterator reuses the same
 * tensors from batch to batch, so a batch is valid until the next one is drawn.
 */
public final class Batch {
    private final Tensor features;
    private final Tensor targets;
    private final int[] labels;

    Batch(Tensor features, Tensor targets) {
        this.features = features;
        this.targets = targets;
        this.labels = targets.rank() == 1 ? new int[targets.size()] : null;
    }

    /**
     * A batch over given tensors: features [rows, features] and targets — class labels as a vector [rows], or
     * [rows, k]. The tensors are used as they are (not copied).
     */
    public static Batch of(Tensor features, Tensor targets) {
        int rows = targets.rank() == 1 ? targets.size() : targets.rows();
        if (features.rank() != 2 || rows != features.rows()) {
            throw new IllegalArgumentException("features " + features.shapeString() + " and targets "
                    + targets.shapeString() + " must have the same number of rows");
        }
        return new Batch(features, targets);
    }

    /** Feature rows, [batch, features]. */
    public Tensor features() {
        return features;
    }

    /** Target rows: [batch] for class labels or scalar targets, [batch, k] otherwise. */
    public Tensor targets() {
        return targets;
    }

    /** Number of rows. */
    public int size() {
        return features.rows();
    }

    /** Rank-1 targets as integer class labels (a reused array). */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("targets " + targets.shapeString() + " are not a vector of class labels");
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) targets.get(i);
        }
        return labels;
    }
}
