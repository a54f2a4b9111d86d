package dev.nabla.seeds;

import static dev.nabla.seeds.Mat.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Tanh;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 (blog "Basic Mathematics in Neural Networks"): L layers x^l = f(u^l), u^l = W^l x^{l−1} + b^l,
 * output t = f(u^L), E = ½‖t − y‖². Its backpropagation, per example with column vectors:
 * δ^L = f′(u^L) ∘ (t − y), δ^l = (W^{l+1})ᵀδ^{l+1} ∘ f′(u^l), ∂E/∂W^l = δ^l(x^{l−1})ᵀ, ∂E/∂b^l = δ^l.
 * Over a batch, E is the sum of the examples' E, so the gradients are the sums of theirs. The seed is right.
 */
class BlogSeedTest {
    private static final double TOLERANCE = 1e-12;
    static final int[] SIZES = {3, 5, 4, 2}; // x⁰ ∈ R³, then L = 3 layers
    private static final int LAYERS = SIZES.length - 1;
    static final int BATCH = 5;

    private final double[][][] w = new double[LAYERS + 1][][]; // W^l for l = 1..L
    private final double[][] b = new double[LAYERS + 1][];
    final double[][] inputs;
    final double[][] targets;

    BlogSeedTest() {
        var rng = new SplittableRandom(2015);
        for (int l = 1; l <= LAYERS; l++) {
            w[l] = Mat.random(rng, SIZES[l], SIZES[l - 1], 1.2);
            b[l] = Mat.randomVector(rng, SIZES[l], 0.5);
        }
        inputs = Mat.random(rng, BATCH, SIZES[0], 2.0);
        targets = Mat.map(Mat.random(rng, BATCH, SIZES[LAYERS], 1.0), Math::abs); // in [0, 1), σ's range
    }

    @Test
    void autogradEqualsTheDeltaRecursionSummedOverTheBatchForSigmoidLayers() {
        DoubleUnaryOperator sigmoid = v -> 1 / (1 + Math.exp(-v));
        assertAutogradMatchesDeltaRecursion(Sigmoid::new, sigmoid, v -> sigmoid.applyAsDouble(v) * (1 - sigmoid.applyAsDouble(v)));
    }

    @Test
    void autogradEqualsTheDeltaRecursionSummedOverTheBatchForTanhLayers() {
        assertAutogradMatchesDeltaRecursion(Tanh::new, Math::tanh, v -> 1 - Math.tanh(v) * Math.tanh(v));
    }

    @Test
    void outputDeltaIsOutputMinusTargetTimesFPrimeSoATargetMinusOutputSignWouldClimb() {
        // One example and the output layer alone: δ^L from the seed versus its negation.
        Linear layer = new Linear(Mat.tensor(w[1]), Mat.tensor(b[1]));
        Sequential net = new Sequential(layer, new Sigmoid());
        double[] x0 = inputs[0];
        double[] y = {0.2, 0.9, 0.4, 0.6, 0.1};
        Variable t = net.forward(Variable.constant(Mat.tensor(new double[][] {x0})));
        Losses.halfSumSquaredError(t, Mat.tensor(new double[][] {y})).backward();

        double[][] u = Mat.add(Mat.mul(w[1], Mat.column(x0)), Mat.column(b[1]));
        double[][] out = Mat.map(u, v -> 1 / (1 + Math.exp(-v)));
        double[][] delta = Mat.hadamard(Mat.map(out, s -> s * (1 - s)), Mat.sub(out, Mat.column(y))); // f′(u)∘(t − y)
        assertClose("∂E/∂b = δ", layer.bias().grad(), Mat.t(delta)[0], TOLERANCE);
        assertClose("∂E/∂W = δxᵀ", layer.weight().grad(), Mat.mul(delta, new double[][] {x0}), TOLERANCE);
        assertThat(Mat.relativeError(Mat.scale(-1, delta), Mat.t(Mat.of(layer.bias().grad())))).isGreaterThan(1.0);
    }

    private void assertAutogradMatchesDeltaRecursion(Supplier<Module> activation, DoubleUnaryOperator f, DoubleUnaryOperator fPrime) {
        Linear[] linear = new Linear[LAYERS + 1];
        Sequential net = network(activation, linear);
        Variable t = net.forward(Variable.constant(Mat.tensor(inputs)));
        Losses.halfSumSquaredError(t, Mat.tensor(targets)).backward();

        Recursion r = deltaRecursion(f, fPrime);
        for (int l = 1; l <= LAYERS; l++) {
            assertClose("∂E/∂W^" + l, linear[l].weight().grad(), r.wBar()[l], TOLERANCE);
            assertClose("∂E/∂b^" + l, linear[l].bias().grad(), Mat.t(r.bBar()[l])[0], TOLERANCE);
        }
    }

    /** The seed's network: L layers of the test's weights, each followed by the activation; linear[l] is layer l. */
    Sequential network(Supplier<Module> activation, Linear[] linear) {
        Sequential net = new Sequential();
        for (int l = 1; l <= LAYERS; l++) {
            linear[l] = new Linear(Mat.tensor(w[l]), Mat.tensor(b[l]));
            net.add(linear[l]).add(activation.get());
        }
        return net;
    }

    /** ∂E/∂W^l and ∂E/∂b^l (index l = 1..L) and δ^l per example, by the seed's δ-recursion, summed over the batch. */
    record Recursion(double[][][] wBar, double[][][] bBar, double[][][] delta) {
    }

    Recursion deltaRecursion(DoubleUnaryOperator f, DoubleUnaryOperator fPrime) {
        double[][][] wBar = new double[LAYERS + 1][][];
        double[][][] bBar = new double[LAYERS + 1][][];
        double[][][] deltas = new double[LAYERS + 1][BATCH][]; // δ^l of example n as row n
        for (int l = 1; l <= LAYERS; l++) {
            wBar[l] = new double[SIZES[l]][SIZES[l - 1]];
            bBar[l] = new double[SIZES[l]][1];
        }
        for (int n = 0; n < BATCH; n++) {
            double[][][] xs = new double[LAYERS + 1][][]; // x^l, column vectors
            double[][][] us = new double[LAYERS + 1][][]; // u^l
            xs[0] = Mat.column(inputs[n]);
            for (int l = 1; l <= LAYERS; l++) {
                us[l] = Mat.add(Mat.mul(w[l], xs[l - 1]), Mat.column(b[l]));
                xs[l] = Mat.map(us[l], f);
            }
            double[][] delta = Mat.hadamard(Mat.map(us[LAYERS], fPrime), Mat.sub(xs[LAYERS], Mat.column(targets[n])));
            for (int l = LAYERS; l >= 1; l--) {
                deltas[l][n] = Mat.t(delta)[0];
                wBar[l] = Mat.add(wBar[l], Mat.mul(delta, Mat.t(xs[l - 1]))); // ∂E/∂W^l = δ^l(x^{l−1})ᵀ
                bBar[l] = Mat.add(bBar[l], delta);                             // ∂E/∂b^l = δ^l
                if (l > 1) {
                    delta = Mat.hadamard(Mat.mul(Mat.t(w[l]), delta), Mat.map(us[l - 1], fPrime)); // δ^{l−1}
                }
            }
        }
        return new Recursion(wBar, bBar, deltas);
    }
}
