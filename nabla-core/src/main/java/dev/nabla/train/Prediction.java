package dev.nabla.train;

import dev.nabla.tensor.Tensor;

/**
 * What a {@link TrainedModel} predicts for each row: a class and the class probabilities [rows, K]
 * (classification), or a value (regression; {@code classes} and {@code probabilities} are null).
 */
public record Prediction(int[] classes, Tensor probabilities, float[] values) {

    /** Number of rows predicted. */
    public int rows() {
        return classes != null ? classes.length : values.length;
    }
}
