package dev.nabla.nn;

import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Two small fixed training runs (tanh, sigmoid and ReLU layers; then batch norm, dropout, GELU, SiLU, ELU,
 * softplus and layer norm; softmax cross-entropy, SGD) whose final state dicts it prints as a hash of their bits;
 * {@link JitTierDeterminismTest} runs it in different JIT tiers.
 */
public final class TierProbeMain {
    private TierProbeMain() {
    }

    /** Hash of the bits of the state dicts after the fixed runs. */
    static int train() {
        var rng = new SplittableRandom(7);
        Sequential plain = new Sequential(new Linear(20, 24, rng), new Tanh(), new Linear(24, 17, rng), new Sigmoid(),
                new Linear(17, 33, rng), new Relu(), new Linear(33, 3, rng));
        Sequential layers = new Sequential(new Linear(20, 24, rng), new BatchNorm(24),
                new ActivationLayer(Activation.GELU), new Dropout(0.3, rng), new Linear(24, 17, rng), new BatchNorm(17),
                new ActivationLayer(Activation.SILU), new Linear(17, 16, rng), new LayerNorm(16),
                new ActivationLayer(Activation.ELU, 0.5), new Dropout(0.2, rng), new Linear(16, 9, rng),
                new ActivationLayer(Activation.SOFTPLUS), new Linear(9, 5, rng), new ActivationLayer(Activation.GELU_TANH),
                new Linear(5, 3, rng));
        return 31 * train(plain, rng) + train(layers, rng);
    }

    private static int train(Sequential net, SplittableRandom rng) {
        float[] x = new float[40 * 20];
        int[] y = new int[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextInt(3);
        }
        Variable input = Variable.constant(Tensor.wrap(x, 40, 20));
        Sgd sgd = new Sgd(net.parameters(), 0.1);
        for (int step = 0; step < 10; step++) {
            sgd.zeroGrad();
            Losses.softmaxCrossEntropy(net.forward(input), y).backward();
            sgd.step();
        }
        int h = 1;
        for (Tensor t : net.stateDict().values()) {
            float[] w = t.floats();
            int[] bits = new int[w.length];
            for (int i = 0; i < w.length; i++) {
                bits[i] = Float.floatToRawIntBits(w[i]);
            }
            h = 31 * h + Arrays.hashCode(bits);
        }
        return h;
    }

    public static void main(String[] args) {
        System.out.println("weights-hash=" + train());
    }
}
