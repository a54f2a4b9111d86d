package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.loss.Losses;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Two interleaved spirals: no linear model separates them, so high training accuracy needs the hidden
 * layers and every gradient through them to work together.
 */
class SpiralsTest {
    private static final int PER_CLASS = 200;
    private static final double TURNS = 1.5;
    private static final int EPOCHS = 150;

    private final Tensor x;
    private final Tensor y;

    SpiralsTest() {
        var data = new SplittableRandom(42);
        float[][] points = new float[2 * PER_CLASS][2];
        float[] labels = new float[2 * PER_CLASS];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < PER_CLASS; i++) {
                double r = 0.1 + 0.9 * i / PER_CLASS;
                double theta = 2 * Math.PI * TURNS * i / PER_CLASS + c * Math.PI; // the second spiral is the first turned by π
                int row = c * PER_CLASS + i;
                points[row][0] = (float) (r * Math.cos(theta) + 0.02 * data.nextGaussian());
                points[row][1] = (float) (r * Math.sin(theta) + 0.02 * data.nextGaussian());
                labels[row] = c;
            }
        }
        x = Tensor.of(points);
        y = Tensor.wrap(labels, 2 * PER_CLASS, 1);
    }

    @Test
    void twoHiddenLayerReluNetworkLearnsTwoInterleavedSpiralsToNinetyFivePercent() {
        var rng = new SplittableRandom(7);
        var net = new Sequential(new Linear(2, 64, true, Init.HE_UNIFORM, rng), new Relu(),
                new Linear(64, 64, true, Init.HE_UNIFORM, rng), new Relu(), new Linear(64, 1, rng));
        double before = accuracy(net);
        train(net);
        assertThat(before).isLessThan(0.8);
        assertThat(accuracy(net)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void logisticRegressionCannotSeparateTheSpirals() {
        var net = new Sequential(new Linear(2, 1, new SplittableRandom(7)));
        train(net);
        assertThat(accuracy(net)).isLessThan(0.75);
    }

    private void train(Module net) {
        var sgd = new Sgd(net.parameters(), 0.2);
        var order = new SplittableRandom(11);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (Batch batch : Batches.miniBatch(x, y, 16, order)) {
                sgd.zeroGrad();
                Losses.binaryCrossEntropyWithLogits(net.forward(Variable.constant(batch.features())), batch.targets()).backward();
                sgd.step();
            }
        }
    }

    private double accuracy(Module net) {
        try (var scope = Grad.noGrad()) {
            Tensor logits = net.forward(Variable.constant(x)).data();
            int right = 0;
            for (int i = 0; i < y.size(); i++) {
                right += (logits.get(i) > 0 ? 1 : 0) == (int) y.get(i) ? 1 : 0;
            }
            return (double) right / y.size();
        }
    }
}
