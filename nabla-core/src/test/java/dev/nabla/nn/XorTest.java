package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XorTest {
    @Test
    void twoLayerTanhNetworkLearnsXorToFullAccuracy() {
        var rng = new SplittableRandom(7);
        var net = new Sequential(new Linear(2, 8, rng), new Tanh(), new Linear(8, 1, rng));
        var x = Variable.constant(Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
        var y = Tensor.wrap(new float[] {0, 1, 1, 0}, 4, 1);
        var sgd = new Sgd(net.parameters(), 0.5);
        double first = 0;
        double loss = 0;
        for (int step = 0; step < 2000; step++) {
            sgd.zeroGrad();
            Variable l = Losses.binaryCrossEntropyWithLogits(net.forward(x), y);
            l.backward();
            sgd.step();
            loss = l.data().item();
            if (step == 0) {
                first = loss;
            }
        }
        Tensor logits = net.forward(x).data();
        for (int i = 0; i < 4; i++) {
            assertThat(logits.get(i) > 0 ? 1.0 : 0.0).as("row %d", i).isEqualTo(y.get(i));
        }
        assertThat(loss).isLessThan(first / 10);
    }
}
