package dev.nabla.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.loss.Losses;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 (Chau): the 2–3–4–1 network a¹ = ReLU(W¹x + b¹), a² = ReLU(W²a¹ + b²), h = W³a² + b³ with
 * J = ½(h − o)², trained by SGD on one uniformly drawn row per step, by mini-batches or by full batches.
 * <p>
 * Per batch of B rows the loss is J_B = (1/B)·Σ_j ½(h_j − o_j)²: halfSumSquaredError sums over the rows, and
 * dividing by B makes the step θ − α∇J_B the average of the seed's per-row steps θ − α∇J^{(j)}, so one
 * learning rate means the same thing for every batch size.
 * <p>
 * Its ∂L/∂W^{[2]} = [(a^{[3]} − y)W^{[3]} ⊙ g(z^{[2]})]a^{[1]T} writes the activation g where its derivative g′
 * belongs (and a^{[3]} − y is the sigmoid/cross-entropy output gradient, which for this identity output and
 * J is h − o); the test below shows the g′ form is the gradient and the g form is not.
 */
class ChauSeedTest {
    private static final int ROWS = 64;

    final Tensor x;
    final Tensor y;

    ChauSeedTest() {
        var rng = new SplittableRandom(3);
        double[][] xs = new double[ROWS][2];
        double[][] ys = new double[ROWS][1];
        for (int i = 0; i < ROWS; i++) {
            xs[i][0] = 2 * rng.nextDouble() - 1;
            xs[i][1] = 2 * rng.nextDouble() - 1;
            ys[i][0] = Math.sin(2 * xs[i][0]) + 0.5 * xs[i][1] * xs[i][1] + 0.5 * xs[i][1];
        }
        x = Mat.tensor(xs);
        y = Mat.tensor(ys);
    }

    static Sequential network(long seed) {
        var rng = new SplittableRandom(seed);
        var net = new Sequential(new Linear(2, 3, rng), new Relu(), new Linear(3, 4, rng), new Relu(), new Linear(4, 1, rng));
        net.to(DType.F64);
        return net;
    }

    @Test
    void networkOfTheSeedHasThirtyParameters() {
        // (2×3 + 3) + (3×4 + 4) + (4×1 + 1), as the seed counts them.
        assertThat(network(1).parameterCount()).isEqualTo(30).isEqualTo((2 * 3 + 3) + (3 * 4 + 4) + (4 * 1 + 1));
    }

    @Test
    void stochasticGradientDescentOnOneUniformRowPerStepCutsTheTrainingLossTenfold() {
        Sequential net = network(11);
        double before = trainingLoss(net);
        var sgd = new Sgd(net.parameters(), 0.02);
        for (Batch batch : Batches.stochastic(x, y, 6000, new SplittableRandom(5))) {
            step(net, sgd, batch);
        }
        assertLearned(before, trainingLoss(net));
    }

    @Test
    void miniBatchGradientDescentCutsTheTrainingLossTenfold() {
        Sequential net = network(11);
        double before = trainingLoss(net);
        var sgd = new Sgd(net.parameters(), 0.05);
        var rng = new SplittableRandom(5);
        for (int epoch = 0; epoch < 400; epoch++) {
            for (Batch batch : Batches.miniBatch(x, y, 8, rng)) {
                step(net, sgd, batch);
            }
        }
        assertLearned(before, trainingLoss(net));
    }

    @Test
    void fullBatchGradientDescentCutsTheTrainingLossTenfold() {
        Sequential net = network(11);
        double before = trainingLoss(net);
        var sgd = new Sgd(net.parameters(), 0.1);
        for (int epoch = 0; epoch < 2000; epoch++) {
            for (Batch batch : Batches.fullBatch(x, y)) {
                step(net, sgd, batch);
            }
        }
        assertLearned(before, trainingLoss(net));
    }

    @Test
    void gradientOfW2UsesTheReluDerivativeNotTheReluItself() {
        Sequential net = network(11);
        var layers = net.layers();
        Linear l1 = (Linear) layers.get(0);
        Linear l2 = (Linear) layers.get(2);
        Linear l3 = (Linear) layers.get(4);
        int row = 7;
        double[] xRow = x.row(row);
        double o = y.get(row);
        Variable out = net.forward(Variable.constant(Tensor.wrap(xRow.clone(), 1, 2)));
        Losses.halfSumSquaredError(out, Tensor.wrap(new double[] {o}, 1, 1)).backward();

        // Column vectors as in the seed: z¹ = W¹x + b¹, a¹ = ReLU z¹, z² = W²a¹ + b², a² = ReLU z², h = W³a² + b³.
        double[][] z1 = Mat.add(Mat.mul(Mat.of(l1.weight().data()), Mat.column(xRow)), Mat.column(l1.bias().data().toDoubleArray()));
        double[][] a1 = Mat.map(z1, v -> Math.max(0, v));
        double[][] z2 = Mat.add(Mat.mul(Mat.of(l2.weight().data()), a1), Mat.column(l2.bias().data().toDoubleArray()));
        double[][] a2 = Mat.map(z2, v -> Math.max(0, v));
        double[][] w3 = Mat.of(l3.weight().data());
        double h = Mat.mul(w3, a2)[0][0] + l3.bias().data().get(0);
        double[][] upstream = Mat.scale(h - o, Mat.t(w3));                          // ((h − o)W³)ᵀ, 4×1
        double[][] correct = Mat.mul(Mat.hadamard(upstream, Mat.map(z2, v -> v > 0 ? 1 : 0)), Mat.t(a1)); // ⊙ g′(z²)
        double[][] asWritten = Mat.mul(Mat.hadamard(upstream, a2), Mat.t(a1));     // ⊙ g(z²)

        double[][] autograd = Mat.of(l2.weight().grad());
        assertThat(Mat.relativeError(autograd, correct)).isLessThanOrEqualTo(1e-12);
        assertThat(Mat.relativeError(asWritten, correct)).isGreaterThan(0.05);
    }

    private static void step(Sequential net, Sgd sgd, Batch batch) {
        sgd.zeroGrad();
        Variable out = net.forward(Variable.constant(batch.features()));
        Losses.halfSumSquaredError(out, batch.targets()).scale(1.0 / batch.size()).backward();
        sgd.step();
    }

    /** (1/N)·Σ ½(h − o)² over all rows. */
    private double trainingLoss(Sequential net) {
        try (var scope = Grad.noGrad()) {
            return Losses.halfSumSquaredError(net.forward(Variable.constant(x)), y).data().item() / ROWS;
        }
    }

    /** The loss of the best constant prediction, the mean of o: what a network that learned only b³ reaches. */
    private double constantPredictorLoss() {
        double mean = 0;
        for (int i = 0; i < ROWS; i++) {
            mean += y.get(i) / ROWS;
        }
        double s = 0;
        for (int i = 0; i < ROWS; i++) {
            s += 0.5 * (y.get(i) - mean) * (y.get(i) - mean);
        }
        return s / ROWS;
    }

    private void assertLearned(double before, double after) {
        assertThat(after).as("loss after training (before: %s)", before).isLessThan(0.1 * before);
        assertThat(after).as("loss after training versus the best constant").isLessThan(0.1 * constantPredictorLoss());
    }
}
