package dev.nabla.train;

import dev.nabla.data.Scaling;
import dev.nabla.data.Task;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;

/**
 * A model's predictions made in buffers that are kept from call to call — encoded rows in, classes with
 * probabilities or values out — so that once warmed up, predicting allocates nothing per row: how
 * {@code nabla serve} answers. The same numbers as {@link TrainedModel#predict}. Rows go through the network in
 * blocks of a power of two (at most {@value #BLOCK} rows), so that the temporaries of a few shapes serve every
 * request. Not for sharing between threads: one predictor per thread (or a pool), all reading one model.
 * <pre>{@code
 * Predictor p = new Predictor(model);
 * float[] x = p.features(n);          // fill row i at i·model.inputs(), e.g. with a RowEncoder of the model's pipeline
 * p.predict(n);
 * p.label(0); p.probability(0, 1);    // or p.value(0)
 * }</pre>
 */
public final class Predictor {
    /** The most rows of one pass through the network. */
    static final int BLOCK = 256;

    private final TrainedModel model;
    private final Workspace workspace = Workspace.detached();
    private final DType dtype;
    private final int inputs;
    private final int classes;
    private float[] features = new float[0];
    private float[] probabilities = new float[0];
    private int[] labels = new int[0];
    private float[] values = new float[0];

    public Predictor(TrainedModel model) {
        this.model = model;
        this.dtype = model.dtype();
        this.inputs = model.inputs();
        this.classes = model.classNames().size();
    }

    /** The model it predicts with. */
    public TrainedModel model() {
        return model;
    }

    /**
     * The buffer of unscaled encoded features, row i at {@code i·model().inputs()}, with room for at least
     * {@code n} rows; rows already in it are kept when it grows.
     */
    public float[] features(int n) {
        if (features.length < (long) n * inputs) {
            features = java.util.Arrays.copyOf(features, (int) Math.max((long) n * inputs, 2L * features.length));
        }
        return features;
    }

    /** Predicts the first {@code n} rows of {@link #features}. */
    public void predict(int n) {
        features(n);
        if (model.task() == Task.REGRESSION) {
            values = values.length >= n ? values : new float[Math.max(n, 2 * values.length)];
        } else {
            labels = labels.length >= n ? labels : new int[Math.max(n, 2 * labels.length)];
            if (probabilities.length < (long) n * classes) {
                probabilities = new float[Math.max(n * classes, 2 * probabilities.length)];
            }
        }
        try (Workspace.Entered ignored = workspace.enter()) {
            for (int start = 0; start < n; ) {
                int block = Integer.highestOneBit(Math.min(BLOCK, n - start));
                workspace.reset();
                predictBlock(start, block);
                start += block;
            }
        }
    }

    private void predictBlock(int start, int block) {
        Scaling scaling = model.scaling();
        Tensor x = Workspace.temporary(dtype, 2, block, inputs, false);
        for (int i = 0, at = start * inputs; i < block; i++) {
            for (int j = 0; j < inputs; j++, at++) {
                x.set(i * inputs + j, scaling.apply(features[at], j));
            }
        }
        Tensor z = model.forward(x);
        if (model.task() == Task.REGRESSION) {
            for (int i = 0; i < block; i++) {
                values[start + i] = model.targetScaling().invert((float) z.get(i, 0), 0);
            }
            return;
        }
        Tensor p = model.objective().activateInto(z, Workspace.temporary(DType.F32, 2, block, z.cols(), false));
        float[] ps = p.floats();
        for (int i = 0; i < block; i++) {
            labels[start + i] = model.decide(ps, i * z.cols(), probabilities, (start + i) * classes);
        }
    }

    /** Row i's class (an index into the model's class names). */
    public int label(int i) {
        return labels[i];
    }

    /** Row i's probability of class k. */
    public float probability(int i, int k) {
        return probabilities[i * classes + k];
    }

    /** Row i's predicted value (regression), in the target's units. */
    public float value(int i) {
        return values[i];
    }
}
