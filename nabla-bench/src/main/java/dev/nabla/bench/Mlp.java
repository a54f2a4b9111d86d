package dev.nabla.bench;

import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import java.util.SplittableRandom;

/**
 * One float32 MLP training set-up (ReLU hidden layers, softmax cross-entropy, plain SGD) on random data,
 * shared by the JMH benchmark and the allocation probe so that both measure the same step.
 */
final class Mlp implements AutoCloseable {
    final Sequential net;
    final Sgd sgd;
    final Variable x;
    final int[] labels;
    final Workspace workspace;

    Mlp(int batch, long seed, int... sizes) {
        var rng = new SplittableRandom(seed);
        net = new Sequential();
        for (int i = 0; i + 1 < sizes.length; i++) {
            net.add(new Linear(sizes[i], sizes[i + 1], true, Init.HE_UNIFORM, rng));
            if (i + 2 < sizes.length) {
                net.add(new Relu());
            }
        }
        sgd = new Sgd(net.parameters(), 0.01);
        float[] data = new float[batch * sizes[0]];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextDouble();
        }
        x = Variable.constant(Tensor.wrap(data, batch, sizes[0]));
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(sizes[sizes.length - 1]);
        }
        workspace = Workspace.open();
    }

    /** zeroGrad, forward, loss, backward, update; returns the loss. */
    double step() {
        workspace.reset();
        sgd.zeroGrad();
        Variable loss = Losses.softmaxCrossEntropy(net.forward(x), labels);
        loss.backward();
        sgd.step();
        return loss.data().get(0);
    }

    @Override
    public void close() {
        workspace.close();
    }
}
