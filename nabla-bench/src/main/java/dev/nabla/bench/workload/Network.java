package dev.nabla.bench.workload;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
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
import java.util.SplittableRandom;

/**
 * The network every workload trains, built from the public API as a user would: Linear layers of the given
 * sizes with activation f between them, weights from {@code init} and zero biases, softmax cross-entropy
 * L = (1/B)·Σ −log softmax(z_i)[y_i], and plain SGD θ ← θ − η·∇θ. Intermediate buffers come from a
 * {@link Workspace} reset at every step, so a steady-state step allocates no tensor storage.
 */
final class Network implements AutoCloseable {
    private final Sequential net = new Sequential();
    private final Sgd sgd;
    private final Workspace workspace;

    Network(long seed, Activation f, Init init, double learningRate, int... sizes) {
        var rng = new SplittableRandom(seed);
        for (int i = 0; i + 1 < sizes.length; i++) {
            net.add(new Linear(sizes[i], sizes[i + 1], true, init, rng));
            if (i + 2 < sizes.length) {
                net.add(ActivationLayer.of(f, 0));
            }
        }
        sgd = new Sgd(net.parameters(), learningRate);
        workspace = Workspace.open();
    }

    /** One step on the batch (x, labels): zeroGrad, forward, loss, backward, update. Returns the loss. */
    double step(Variable x, int[] labels) {
        workspace.reset();
        sgd.zeroGrad();
        Variable loss = Losses.softmaxCrossEntropy(net.forward(x), labels);
        loss.backward();
        sgd.step();
        return loss.data().get(0);
    }

    /** Fraction of the n rows of x (row-major, {@code features} wide) whose arg-max logit equals the label. */
    double accuracy(float[] x, int[] labels, int n, int features, int batch) {
        int correct = 0;
        try (Grad.Scope ignored = Grad.noGrad()) {
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

    /** A batch holder: the rows idx[from..from+rows) of a data set gathered into one reused tensor. */
    static final class Batch {
        final Tensor x;
        final Variable input;
        final int[] labels;

        Batch(int rows, int features) {
            x = Tensor.zeros(DType.F32, rows, features);
            input = Variable.constant(x);
            labels = new int[rows];
        }

        void gather(Tensor data, int[] allLabels, int[] idx, int from) {
            Linalg.gatherRows(data, idx, from, x);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = allLabels[idx[from + i]];
            }
        }
    }

    @Override
    public void close() {
        workspace.close();
    }
}
