package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/** One-hot encoding of class labels: label k of K becomes the row e_k of the K × K identity. */
public final class OneHot {
    private OneHot() {
    }

    /** T [n, classes] with T[i, labels[i]] = 1 and zeros elsewhere. */
    public static Tensor encode(int[] labels, int classes) {
        return encodeInto(labels, Tensor.zeros(labels.length, classes));
    }

    /** Writes the one-hot rows of {@code labels} into {@code t} [labels.length, classes] (overwritten); returns t. */
    public static Tensor encodeInto(int[] labels, Tensor t) {
        int classes = t.cols();
        if (t.rank() != 2 || t.rows() != labels.length) {
            throw new IllegalArgumentException(labels.length + " labels do not fill " + t.shapeString());
        }
        t.fillInPlace(0);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " outside 0.." + (classes - 1));
            }
            t.set(i, labels[i], 1);
        }
        return t;
    }

    /**
     * The index of the largest of {@code values[from, from + k)} (the first one on ties), from 0: a one-hot row's
     * label, a row of probabilities' class.
     */
    public static int argmax(float[] values, int from, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (values[from + j] > values[from + best]) {
                best = j;
            }
        }
        return best;
    }
}
