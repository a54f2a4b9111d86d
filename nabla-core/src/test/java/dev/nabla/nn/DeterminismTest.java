package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.loss.Losses;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Training is a pure function of its seed: initialisation and batch order draw only from generators passed
 * in, so the same seed must give the same weights bit for bit, and reusing buffers must not change a bit.
 */
class DeterminismTest {
    private static final int ROWS = 96;
    private static final int CLASSES = 3;

    private final Tensor x;
    private final Tensor labels;

    DeterminismTest() {
        var data = new SplittableRandom(99);
        float[][] features = new float[ROWS][4];
        float[] y = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < 4; j++) {
                features[i][j] = (float) data.nextGaussian();
            }
            y[i] = (features[i][0] + features[i][1] * features[i][2] > 0 ? 1 : 0) + (features[i][3] > 0.5 ? 1 : 0);
        }
        x = Tensor.of(features);
        labels = Tensor.wrap(y, ROWS);
    }

    @Test
    void sameSeedTrainsToBitIdenticalWeights() {
        assertThat(train(123, false)).isEqualTo(train(123, false));
    }

    @Test
    void differentSeedTrainsToDifferentWeights() {
        int[] a = train(123, false);
        int[] b = train(124, false);
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            differing += a[i] != b[i] ? 1 : 0;
        }
        assertThat(differing).as("weights that differ, of %d", a.length).isGreaterThan(a.length / 2);
    }

    @Test
    void trainingInsideAReusedWorkspaceGivesTheSameBitsAsWithoutOne() {
        assertThat(train(123, true)).isEqualTo(train(123, false));
    }

    @Test
    void withBatchNormAndDropoutTheSameSeedGivesTheSameBitsWithOrWithoutAWorkspace() {
        int[] a = train(123, false, true);
        assertThat(train(123, false, true)).isEqualTo(a);
        assertThat(train(123, true, true)).isEqualTo(a);
        assertThat(train(124, false, true)).isNotEqualTo(a);
    }

    /** Trains for a few epochs of shuffled mini-batches; returns the raw bits of every parameter, in order. */
    private int[] train(long seed, boolean workspace) {
        return train(seed, workspace, false);
    }

    /** With {@code layers}, batch norm before and dropout after each hidden activation; state dict bits. */
    private int[] train(long seed, boolean workspace, boolean layers) {
        var rng = new SplittableRandom(seed);
        var net = layers
                ? new Sequential(new Linear(4, 16, rng), new BatchNorm(16), new Tanh(), new Dropout(0.25, rng),
                        new Linear(16, 16, rng), new BatchNorm(16), new Relu(), new Dropout(0.25, rng),
                        new Linear(16, CLASSES, rng))
                : new Sequential(new Linear(4, 16, rng), new Tanh(), new Linear(16, 16, rng), new Relu(),
                        new Linear(16, CLASSES, rng));
        var sgd = new Sgd(net.parameters(), 0.1, 1e-4);
        try (Workspace ws = workspace ? Workspace.open() : null) {
            for (int epoch = 0; epoch < 5; epoch++) {
                for (Batch batch : Batches.miniBatch(x, labels, 10, rng)) {
                    if (ws != null) {
                        ws.reset();
                    }
                    sgd.zeroGrad();
                    Losses.softmaxCrossEntropy(net.forward(Variable.constant(batch.features())), batch.labels()).backward();
                    sgd.step();
                }
            }
        }
        int size = net.stateDict().values().stream().mapToInt(Tensor::size).sum();
        int[] bits = new int[size];
        int k = 0;
        for (Tensor t : net.stateDict().values()) {
            for (float v : t.floats()) {
                bits[k++] = Float.floatToRawIntBits(v);
            }
        }
        return bits;
    }
}
