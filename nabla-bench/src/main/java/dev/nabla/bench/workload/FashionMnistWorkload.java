package dev.nabla.bench.workload;

import dev.nabla.nn.Init;
import dev.nabla.tensor.Activation;
import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W1: Fashion-MNIST (60000 × 784, pixels/255), 784-256-128-10 with ReLU, He-uniform weights, zero biases,
 * softmax cross-entropy, plain SGD η = 0.1, batches of 128 reshuffled every epoch (the last 96 samples of each
 * shuffle are dropped, 468 steps per epoch). Reports the median time of epochs 2–4 (epoch 1 warms up), samples
 * per second, bytes allocated per step in the timed epochs, and test accuracy after the last epoch.
 */
final class FashionMnistWorkload {
    static final int BATCH = 128;
    static final int[] SIZES = {784, 256, 128, 10};

    private FashionMnistWorkload() {
    }

    static List<Figure> run(Options o) throws IOException {
        DataSource data = Datasets.idxDirectory(o.fashionMnist(), "fashion-mnist", null);
        Tensor x = pixelsOver255(data.data());
        Tensor testX = pixelsOver255(data.presetTest());
        int[] labels = data.data().labels();
        int[] testLabels = data.presetTest().labels();
        int steps = x.rows() / BATCH;
        int[] order = new int[x.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom shuffle = new SplittableRandom(o.seed() + 1);
        int timed = Math.min(3, o.epochs() - 1);
        double[] seconds = new double[timed];
        long allocated = 0;
        double loss = Double.NaN;
        double accuracy;
        try (Network net = new Network(o.seed(), Activation.RELU, Init.HE_UNIFORM, 0.1, SIZES)) {
            Network.Batch batch = new Network.Batch(BATCH, x.cols());
            for (int epoch = 0; epoch < o.epochs(); epoch++) {
                boolean measured = epoch >= 1 && epoch <= timed;
                long[] threads = measured ? Probe.stepThreads() : null;
                long bytes0 = measured ? Probe.allocatedBytes(threads) : 0;
                long t0 = System.nanoTime();
                shuffle(order, shuffle);
                for (int s = 0; s < steps; s++) {
                    batch.gather(x, labels, order, s * BATCH);
                    loss = net.step(batch);
                }
                long t = System.nanoTime() - t0;
                if (measured) {
                    allocated += Probe.allocatedBytes(threads) - bytes0;
                    seconds[epoch - 1] = t / 1e9;
                }
            }
            accuracy = net.accuracy(testX.floats(), testLabels, testX.rows(), testX.cols(), 1000);
        }
        double epoch = Stats.median(seconds);
        List<Figure> out = new ArrayList<>();
        out.add(new Figure("W1", "epoch", epoch, "s", "median of epochs 2–" + (timed + 1) + ", " + steps + " steps"));
        out.add(new Figure("W1", "samples_per_s", steps * BATCH / epoch, "1/s"));
        out.add(new Figure("W1", "test_accuracy", accuracy, "", "after " + o.epochs() + " epochs"));
        out.add(new Figure("W1", "final_loss", loss, ""));
        out.add(new Figure("W1", "alloc_per_step", (double) allocated / (timed * steps), "B", "caller and kernel threads"));
        return out;
    }

    /** Fisher–Yates. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The images' pixels scaled to x/255 in place (the dataset is the workload's own). */
    private static Tensor pixelsOver255(Dataset d) {
        float[] v = d.features().floats();
        for (int i = 0; i < v.length; i++) {
            v[i] /= 255f;
        }
        return d.features();
    }
}
