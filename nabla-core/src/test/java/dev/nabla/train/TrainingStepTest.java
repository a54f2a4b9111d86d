package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingStepTest {

    private static Tensor rows(SplittableRandom rng, int n, int d) {
        Tensor x = Tensor.zeros(DType.F64, n, d);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, rng.nextDouble(-1, 1));
        }
        return x;
    }

    private static Tensor labels(SplittableRandom rng, int n, int k) {
        Tensor y = Tensor.zeros(DType.F64, n);
        for (int i = 0; i < n; i++) {
            y.set(i, rng.nextInt(k));
        }
        return y;
    }

    private static Tensor slice(Tensor t, int from, int to) {
        int width = t.rank() == 1 ? 1 : t.cols();
        double[] out = new double[(to - from) * width];
        System.arraycopy(t.doubles(), from * width, out, 0, out.length);
        return t.rank() == 1 ? Tensor.wrap(out, to - from) : Tensor.wrap(out, to - from, width);
    }

    private static List<Tensor> gradients(Sequential net) {
        List<Tensor> out = new ArrayList<>();
        for (Variable p : net.parameters()) {
            out.add(p.grad().copy());
        }
        return out;
    }

    /**
     * The reason for two halves: the mean loss's gradient over a batch of 12 rows equals the average of the gradients
     * of its two halves, so replicas can each take a share and sum before one update.
     */
    @Test
    void halfBatchGradientsSumToTheWholeBatchGradient() {
        SplittableRandom rng = new SplittableRandom(5);
        Sequential net = ModelSpec.mlp(4, "6:tanh", 3).build(rng);
        net.to(DType.F64);
        Tensor x = rows(rng, 12, 4);
        Tensor y = labels(rng, 12, 3);
        try (TrainingStep step = new TrainingStep(net, Objective.SOFTMAX_CROSS_ENTROPY, new Sgd(net.parameters(), 0.1))) {
            step.gradients(Batch.of(x, y));
            List<Tensor> whole = gradients(net);
            step.gradients(Batch.of(slice(x, 0, 6), slice(y, 0, 6)));
            List<Tensor> first = gradients(net);
            step.gradients(Batch.of(slice(x, 6, 12), slice(y, 6, 12)));
            List<Tensor> second = gradients(net);
            for (int p = 0; p < whole.size(); p++) {
                for (int i = 0; i < whole.get(p).size(); i++) {
                    assertThat((first.get(p).get(i) + second.get(p).get(i)) / 2)
                            .isCloseTo(whole.get(p).get(i), within(1e-14));
                }
            }
        }
    }

    @Test
    void stepIsGradientsThenUpdateAndANonFiniteLossChangesNothing() {
        SplittableRandom rng = new SplittableRandom(6);
        Tensor x = rows(rng, 8, 4);
        Tensor y = labels(rng, 8, 3);
        Sequential a = ModelSpec.mlp(4, "5:relu", 3).build(new SplittableRandom(1));
        Sequential b = ModelSpec.mlp(4, "5:relu", 3).build(new SplittableRandom(1));
        a.to(DType.F64);
        b.to(DType.F64);
        try (TrainingStep sa = new TrainingStep(a, Objective.SOFTMAX_CROSS_ENTROPY, new Sgd(a.parameters(), 0.1));
             TrainingStep sb = new TrainingStep(b, Objective.SOFTMAX_CROSS_ENTROPY, new Sgd(b.parameters(), 0.1))) {
            double la = sa.step(Batch.of(x, y));
            double lb = sb.gradients(Batch.of(x, y));
            sb.update();
            assertThat(la).isEqualTo(lb);
            assertThat(sa.outputs().cols()).isEqualTo(3);
            for (int p = 0; p < a.parameters().size(); p++) {
                assertThat(a.parameters().get(p).data().doubles()).containsExactly(b.parameters().get(p).data().doubles());
            }
            Tensor bad = x.copy();
            bad.set(0, Double.NaN);
            Tensor before = a.parameters().get(0).data().copy();
            assertThat(sa.step(Batch.of(bad, y))).isNaN();
            assertThat(a.parameters().get(0).data().doubles()).containsExactly(before.doubles());
        }
    }
}
