package dev.nabla.bench;

import dev.nabla.data.Batch;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.Schedules;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import dev.nabla.train.TrainingStep;
import java.util.SplittableRandom;

/**
 * One float32 MLP training set-up (ReLU hidden layers, softmax cross-entropy, plain SGD) on random data,
 * shared by the JMH benchmark and the allocation probe so that both measure the same step; optionally with
 * clipping and a learning-rate schedule in the update half.
 */
final class Mlp implements AutoCloseable {
    final Sequential net;
    final Batch batch;
    final TrainingStep step;

    Mlp(int batch, long seed, int... sizes) {
        var rng = new SplittableRandom(seed);
        net = new Sequential();
        for (int i = 0; i + 1 < sizes.length; i++) {
            net.add(new Linear(sizes[i], sizes[i + 1], true, Init.HE_UNIFORM, rng));
            if (i + 2 < sizes.length) {
                net.add(new Relu());
            }
        }
        float[] data = new float[batch * sizes[0]];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextDouble();
        }
        float[] labels = new float[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(sizes[sizes.length - 1]);
        }
        this.batch = Batch.of(Tensor.wrap(data, batch, sizes[0]), Tensor.wrap(labels, batch));
        step = new TrainingStep(net, Objective.SOFTMAX_CROSS_ENTROPY, new Sgd(net.parameters(), 0.01));
    }

    /**
     * Adds what issue 8's update half does besides the optimiser's step: clipping by value and by global norm, and
     * a one-cycle schedule after a warm-up, both active on every step. Returns this.
     */
    Mlp withScheduleAndClipping() {
        step.clipping(new Clipping(1.0, 0.5))
                .schedule(Schedules.config("onecycle", 100).create(step.optimizer(), 1_000_000, 1));
        return this;
    }

    /** One training step of the library's {@link TrainingStep}; returns the loss. */
    double step() {
        return step.step(batch);
    }

    @Override
    public void close() {
        step.close();
    }
}
