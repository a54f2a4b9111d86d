package dev.nabla.bench.workload;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Variable;
import dev.nabla.nn.ActivationLayer;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import dev.nabla.train.Objective;
import dev.nabla.train.TrainingStep;
import java.util.SplittableRandom;

/**
 * The network every workload trains, built from the public API as a user would: Linear layers of the given
 * sizes with activation f between them, weights from {@code init} and zero biases, softmax cross-entropy
 * L = (1/B)·Σ −log softmax(z_i)[y_i], and plain SGD θ ← θ − η·∇θ, stepped by the library's {@link TrainingStep}
 * (whose workspace makes a steady-state step allocate no tensor storage).
 */
final class Network implements AutoCloseable {
    private final Sequential net = new Sequential();
    private final TrainingStep step;

    Network(long seed, Activation f, Init init, double learningRate, int... sizes) {
        var rng = new SplittableRandom(seed);
        for (int i = 0; i + 1 < sizes.length; i++) {
            net.add(new Linear(sizes[i], sizes[i + 1], true, init, rng));
            if (i + 2 < sizes.length) {
                net.add(new ActivationLayer(f, 0));
            }
        }
        step = new TrainingStep(net, Objective.SOFTMAX_CROSS_ENTROPY, new Sgd(net.parameters(), learningRate));
    }

    /** One training step on the batch's rows and labels; returns the loss. */
    double step(Batch batch) {
        return step.step(batch.rows());
    }

    /** Fraction of the n rows of x (row-major, {@code features} wide) whose arg-max logit equals the label. */
    double accuracy(float[] x, int[] labels, int n, int features, int batch) {
        int correct = 0;
        try (Grad.Scope ignored = Grad.noGrad(); Workspace workspace = Workspace.open()) {
            for (int from = 0; from < n; from += batch) {
                int rows = Math.min(batch, n - from);
                float[] chunk = new float[rows * features];
                System.arraycopy(x, from * features, chunk, 0, chunk.length);
                workspace.reset();
                Tensor z = net.forward(Variable.constant(Tensor.wrap(chunk, rows, features))).data();
                for (int i = 0; i < rows; i++) {
                    int best = 0;
                    for (int j = 1; j < z.cols(); j++) {
                        if (z.get(i, j) > z.get(i, best)) {
                            best = j;
                        }
                    }
                    correct += best == labels[from + i] ? 1 : 0;
                }
            }
        }
        return (double) correct / n;
    }

    /** A batch holder: rows x and their class labels in reused tensors (labels as a float vector [rows]). */
    static final class Batch {
        final Tensor x;
        final Tensor labels;
        private final dev.nabla.data.Batch rows;

        Batch(int rows, int features) {
            this(Tensor.zeros(DType.F32, rows, features), new int[rows]);
        }

        /** A batch over the given rows and labels (copied into the holder's tensors). */
        Batch(Tensor x, int[] labels) {
            this.x = x;
            this.labels = Tensor.zeros(DType.F32, labels.length);
            for (int i = 0; i < labels.length; i++) {
                this.labels.set(i, labels[i]);
            }
            this.rows = dev.nabla.data.Batch.of(x, this.labels);
        }

        /** Gathers the rows idx[from..from+rows) of a data set and their labels. */
        void gather(Tensor data, int[] allLabels, int[] idx, int from) {
            Linalg.gatherRows(data, idx, from, x);
            float[] y = labels.floats();
            for (int i = 0; i < y.length; i++) {
                y[i] = allLabels[idx[from + i]];
            }
        }

        dev.nabla.data.Batch rows() {
            return rows;
        }
    }

    @Override
    public void close() {
        step.close();
    }
}
