package dev.nabla.cli;

import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import java.util.SplittableRandom;

/** A seeded batch of standard-normal features and targets that fit a loss, in float64 (gradcheck, explain). */
final class RandomRows {
    private RandomRows() {
    }

    /**
     * {@code rows} rows of {@code inputs} features; targets: labels of {@code outputs} classes for cross-entropy and
     * for mse on several outputs (one-hot there), 0 or 1 for binary cross-entropy, a number for mse on one output.
     */
    static Batch of(Objective objective, int rows, int inputs, int outputs, SplittableRandom rng) {
        double[] x = new double[rows * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = normal(rng);
        }
        Tensor targets = switch (objective.kind()) {
            case SOFTMAX_CROSS_ENTROPY -> labels(rng, rows, outputs);
            case BINARY_CROSS_ENTROPY -> Tensor.wrap(labels(rng, rows, 2).doubles(), rows, 1);
            case MSE, HUBER, L1 -> {
                if (outputs > 1) {
                    yield labels(rng, rows, outputs);
                }
                double[] values = new double[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = normal(rng);
                }
                yield Tensor.wrap(values, rows, 1);
            }
        };
        return Batches.inOrder(Tensor.wrap(x, rows, inputs), targets, rows).next();
    }

    private static Tensor labels(SplittableRandom rng, int rows, int classes) {
        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return Tensor.wrap(labels, rows);
    }

    private static double normal(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
