package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Threads;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Layers large enough for the GEMM to split across threads still train to the same bits. */
class ParallelDeterminismTest {
    private final int saved = Threads.count();

    @AfterEach
    void restoreThreadCount() {
        Threads.set(saved);
    }

    @Test
    void sameSeedAndTwoThreadsGiveBitIdenticalWeights() {
        Threads.set(2);
        assertThat(train(5)).isEqualTo(train(5));
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalWeights() {
        Threads.set(1);
        int[] one = train(5);
        Threads.set(2);
        assertThat(train(5)).isEqualTo(one);
    }

    @Test
    void withBatchNormAndDropoutOneAndTwoThreadsGiveBitIdenticalState() {
        Threads.set(1);
        int[] one = train(5, true);
        Threads.set(2);
        int[] two = train(5, true);
        assertThat(two).isEqualTo(one);
        assertThat(train(5, true)).isEqualTo(two);
        assertThat(one).as("dropout and batch norm change the run").isNotEqualTo(train(5, false));
    }

    @Test
    void threadCountBelowOneIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Threads.set(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }

    /** Ten SGD steps of a 96-192-10 ReLU network at batch 160: every product is above the parallel threshold. */
    private static int[] train(long seed) {
        return train(seed, false);
    }

    /** The same run, with {@code layers} Linear → BatchNorm → ReLU → Dropout(0.3) in the hidden layer; state dict bits. */
    private static int[] train(long seed, boolean layers) {
        var rng = new SplittableRandom(seed);
        var net = layers
                ? new Sequential(new Linear(96, 192, true, Init.HE_UNIFORM, rng), new BatchNorm(192), new Relu(),
                        new Dropout(0.3, rng), new Linear(192, 10, rng))
                : new Sequential(new Linear(96, 192, true, Init.HE_UNIFORM, rng), new Relu(), new Linear(192, 10, rng));
        float[] data = new float[160 * 96];
        int[] labels = new int[160];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        var x = Variable.constant(Tensor.wrap(data, 160, 96));
        var sgd = new Sgd(net.parameters(), 0.05);
        for (int step = 0; step < 10; step++) {
            sgd.zeroGrad();
            Losses.softmaxCrossEntropy(net.forward(x), labels).backward();
            sgd.step();
        }
        int size = 0;
        for (Tensor t : net.stateDict().values()) {
            size += t.size();
        }
        int[] bits = new int[size];
        int at = 0;
        for (Tensor t : net.stateDict().values()) {
            for (float v : t.floats()) {
                bits[at++] = Float.floatToRawIntBits(v);
            }
        }
        return bits;
    }
}
