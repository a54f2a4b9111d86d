package dev.nabla.bench.workload;

import dev.nabla.autograd.Variable;
import dev.nabla.nn.Init;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.util.List;

/**
 * W2: Iris standardised (150 × 4), 4-16-3 with tanh, Xavier-uniform weights, zero biases, softmax
 * cross-entropy, full-batch gradient descent η = 0.1: the median time of one step over 2000 steps after 2000
 * warm-up steps, and the bytes allocated per step.
 */
final class IrisWorkload {
    static final int STEPS = 2000;

    private IrisWorkload() {
    }

    static List<Figure> run(Options o) throws IOException {
        IrisData iris = IrisData.load(o.iris());
        int[] y = iris.labels();
        Network.Batch all = new Network.Batch(Tensor.wrap(iris.features(), iris.rows(), iris.cols()), y);
        double[] micros = new double[STEPS];
        long bytes;
        double loss = Double.NaN;
        double accuracy;
        try (Network net = new Network(o.seed(), Activation.TANH, Init.XAVIER_UNIFORM, 0.1, iris.cols(), 16, 3)) {
            for (int s = 0; s < STEPS; s++) {
                net.step(all);
            }
            long[] threads = Probe.stepThreads();
            long bytes0 = Probe.allocatedBytes(threads);
            for (int s = 0; s < STEPS; s++) {
                long t0 = System.nanoTime();
                loss = net.step(all);
                micros[s] = (System.nanoTime() - t0) / 1e3;
            }
            bytes = Probe.allocatedBytes(threads) - bytes0;
            accuracy = net.accuracy(iris.features(), y, iris.rows(), iris.cols(), iris.rows());
        }
        return List.of(
                new Figure("W2", "step", Stats.median(micros), "us", "median of " + STEPS + " after " + STEPS + " warm-up"),
                new Figure("W2", "train_accuracy", accuracy, "", "after " + 2 * STEPS + " steps"),
                new Figure("W2", "final_loss", loss, ""),
                new Figure("W2", "alloc_per_step", (double) bytes / STEPS, "B", "caller and kernel threads"));
    }
}
