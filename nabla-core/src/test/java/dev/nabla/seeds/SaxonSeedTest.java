package dev.nabla.seeds;

import static dev.nabla.seeds.Mat.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 (Saxon): D–H–K network, f = w₂·ReLU(w₁x) with biases folded in as constant-1 inputs, identity
 * output, L = L_d/N + α/2·Σw², L_d = Σ_i −log softmax(f_i)[y_i].
 * <p>
 * The seed's program terms, per example: df = p − 1(y_i = k) (printed as 1(y_i − k)), dw₂ = h·df + αw₂,
 * dh = df·w₂, dw₁ = x·dh + αw₁. The last is wrong: its bullet list says ∂g/∂h is the Heaviside Θ(h), but
 * dw₁ drops it; the correct term is dw₁ = x·(dh ⊙ Θ(a)) + αw₁ with a = w₁x the ReLU's input. (The seed also
 * says Θ "turns off the derivative when h is positive"; it passes it when positive and turns it off otherwise.)
 * Its per-example terms are gradients of L_i/N + L_r only after dividing the data part by N.
 * <p>
 * Weights here are out × in like {@link Linear} (the seed writes w₁ as (D+1) × H, the transpose).
 */
class SaxonSeedTest {
    private static final double TOLERANCE = 1e-12;
    static final int N = 9;
    private static final int D = 4;
    private static final int H = 6;
    private static final int K = 3;
    private static final double ALPHA = 0.05;

    final double[][] x;
    final int[] labels;
    final double[][] w1;
    final double[] b1;
    final double[][] w2;
    final double[] b2;

    SaxonSeedTest() {
        var rng = new SplittableRandom(2016);
        x = Mat.random(rng, N, D, 2.0);
        w1 = Mat.random(rng, H, D, 1.0);
        b1 = Mat.randomVector(rng, H, 0.5);
        w2 = Mat.random(rng, K, H, 1.0);
        b2 = Mat.randomVector(rng, K, 0.5);
        labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % K;
        }
    }

    /** The network from nn layers with explicit weights: Linear(w₁, b₁), ReLU, Linear(w₂, b₂). */
    private final class Net {
        final Linear first = new Linear(Mat.tensor(w1), Mat.tensor(b1));
        final Linear second = new Linear(Mat.tensor(w2), Mat.tensor(b2));
        final Sequential net = new Sequential(first, new Relu(), second);

        /** Backpropagates L = L_d/N (+ α/2·Σ over the weight matrices, not the biases, when regularised). */
        Net backward(boolean regularised) {
            Variable loss = Losses.softmaxCrossEntropy(net.forward(Variable.constant(Mat.tensor(x))), labels);
            if (regularised) {
                loss = loss.add(Losses.l2Penalty(ALPHA, List.of(first.weight(), second.weight())));
            }
            loss.backward();
            return this;
        }
    }

    /** Forward quantities in plain arithmetic. */
    final class Forward {
        final double[][] a = Mat.addRow(Mat.mul(x, Mat.t(w1)), b1);      // ReLU input
        final double[][] h = Mat.map(a, v -> Math.max(0, v));
        final double[][] f = Mat.addRow(Mat.mul(h, Mat.t(w2)), b2);
        final double[][] p = Mat.softmaxRows(f);
        final double[][] df = Mat.sub(p, oneHot());                         // df = p − 1(y_i = k), per row
    }

    @Test
    void autogradEqualsTheCorrectedTermsAveragedOverNIncludingTheReluDerivative() {
        Net net = new Net().backward(true);
        Forward fw = new Forward();
        double[][] dfMean = Mat.scale(1.0 / N, fw.df);                       // ∂L/∂f = df/N
        double[][] dh = Mat.mul(dfMean, w2);                                  // dh = df·w₂
        double[][] da = Mat.hadamard(dh, Mat.map(fw.a, v -> v > 0 ? 1 : 0));  // dh ⊙ Θ(a)
        double[][] dw2 = Mat.add(Mat.mul(Mat.t(dfMean), fw.h), Mat.scale(ALPHA, w2)); // h·df + αw₂
        double[][] dw1 = Mat.add(Mat.mul(Mat.t(da), x), Mat.scale(ALPHA, w1));        // x·(dh ⊙ Θ) + αw₁

        assertClose("dw₂", net.second.weight().grad(), dw2, TOLERANCE);
        assertClose("db₂ (unregularised)", net.second.bias().grad(), Mat.columnSums(dfMean), TOLERANCE);
        assertClose("dw₁", net.first.weight().grad(), dw1, TOLERANCE);
        assertClose("db₁ (unregularised)", net.first.bias().grad(), Mat.columnSums(da), TOLERANCE);
    }

    @Test
    void seedsDw1WithoutTheReluDerivativeDiffersFromTheGradient() {
        Net net = new Net().backward(true);
        Forward fw = new Forward();
        long inactive = Arrays.stream(fw.a).flatMapToDouble(Arrays::stream).filter(v -> v <= 0).count();
        assertThat(inactive).as("some hidden units must be off for Θ to matter").isGreaterThan(0);

        double[][] dh = Mat.mul(Mat.scale(1.0 / N, fw.df), w2);
        double[][] dw1AsWritten = Mat.add(Mat.mul(Mat.t(dh), x), Mat.scale(ALPHA, w1)); // x·dh + αw₁
        double[][] autograd = Mat.of(net.first.weight().grad());

        assertThat(Mat.relativeError(dw1AsWritten, autograd)).isGreaterThan(0.05);
        // The omission is exactly the contribution of the inactive units: x·(dh ⊙ (1 − Θ(a))).
        double[][] missing = Mat.mul(Mat.t(Mat.hadamard(dh, Mat.map(fw.a, v -> v > 0 ? 0 : 1))), x);
        assertThat(Mat.relativeError(Mat.sub(dw1AsWritten, missing), autograd)).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void seedsPerExampleTermsAveragedOverNGiveTheGradientButSummedDoNot() {
        Net net = new Net().backward(true);
        Forward fw = new Forward();
        double[][] sum = new double[K][H];
        for (int i = 0; i < N; i++) {
            // dw₂ = h·df + αw₂ for example i alone (an outer product).
            double[][] perExample = Mat.add(Mat.mul(Mat.t(new double[][] {fw.df[i]}), new double[][] {fw.h[i]}),
                    Mat.scale(ALPHA, w2));
            sum = Mat.add(sum, perExample);
        }
        double[][] autograd = Mat.of(net.second.weight().grad());

        // Averaging the per-example terms is L = L_d/N + L_r: the αw₂ in each term averages to αw₂ once.
        assertThat(Mat.relativeError(Mat.scale(1.0 / N, sum), autograd)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(Mat.relativeError(sum, autograd)).isGreaterThan(1.0);
    }

    @Test
    void linearWithBiasGivesTheSameDataLossGradientsAsTheSeedsFoldedConstantOneForm() {
        Net net = new Net().backward(false);
        Folded folded = new Folded().backward(false);

        double[][] w1f = Mat.of(folded.w1f.grad());
        double[][] w2f = Mat.of(folded.w2f.grad());
        assertClose("w₁ block of folded w₁", net.first.weight().grad(), columns(w1f, 0, D), TOLERANCE);
        assertClose("bias column of folded w₁", net.first.bias().grad(), Mat.t(columns(w1f, D, D + 1))[0], TOLERANCE);
        assertClose("w₂ block of folded w₂", net.second.weight().grad(), columns(w2f, 0, H), TOLERANCE);
        assertClose("bias column of folded w₂", net.second.bias().grad(), Mat.t(columns(w2f, H, H + 1))[0], TOLERANCE);
    }

    @Test
    void foldedFormRegularisesTheBiasesTooSoItsBiasGradientsCarryAnExtraAlphaB() {
        Net net = new Net().backward(true);
        Folded folded = new Folded().backward(true);

        double[][] w1f = Mat.of(folded.w1f.grad());
        double[][] w2f = Mat.of(folded.w2f.grad());
        // Weight blocks agree: both regularise w.
        assertClose("w₁ block", net.first.weight().grad(), columns(w1f, 0, D), TOLERANCE);
        assertClose("w₂ block", net.second.weight().grad(), columns(w2f, 0, H), TOLERANCE);
        // Folded bias gradient = data gradient + αb, because α/2·Σw² over the folded matrices includes b.
        double[] b1Folded = Mat.t(columns(w1f, D, D + 1))[0];
        double[] b2Folded = Mat.t(columns(w2f, H, H + 1))[0];
        double[] b1Expected = Mat.axpby(1, Mat.of(net.first.bias().grad()), ALPHA, new double[][] {b1})[0];
        double[] b2Expected = Mat.axpby(1, Mat.of(net.second.bias().grad()), ALPHA, new double[][] {b2})[0];
        assertThat(Mat.relativeError(new double[][] {b1Folded}, new double[][] {b1Expected})).isLessThanOrEqualTo(TOLERANCE);
        assertThat(Mat.relativeError(new double[][] {b2Folded}, new double[][] {b2Expected})).isLessThanOrEqualTo(TOLERANCE);
        assertThat(Mat.relativeError(new double[][] {b1Folded}, Mat.of(net.first.bias().grad()))).isGreaterThan(1e-3);
    }

    /**
     * The seed's form: x and h extended by a constant 1, w₁ = [w₁ | b₁] of H × (D+1) and w₂ = [w₂ | b₂] of
     * K × (H+1), no separate biases. Appending the 1 to h is h·[I | 0] + [0 | 1], two Variable ops.
     */
    private final class Folded {
        final Variable w1f = Variable.parameter(Mat.tensor(appendColumn(w1, b1)));
        final Variable w2f = Variable.parameter(Mat.tensor(appendColumn(w2, b2)));

        Folded backward(boolean regularised) {
            double[] ones = new double[N];
            Arrays.fill(ones, 1);
            Variable x1 = Variable.constant(Mat.tensor(appendColumn(x, ones)));
            Variable h = x1.matmul(w1f, false, true).relu();
            double[][] extend = new double[H][H + 1];
            for (int j = 0; j < H; j++) {
                extend[j][j] = 1;
            }
            double[][] lastOne = new double[N][H + 1];
            for (int i = 0; i < N; i++) {
                lastOne[i][H] = 1;
            }
            Variable h1 = h.matmul(Variable.constant(Mat.tensor(extend))).add(Variable.constant(Mat.tensor(lastOne)));
            Variable loss = Losses.softmaxCrossEntropy(h1.matmul(w2f, false, true), labels);
            if (regularised) {
                loss = loss.add(Losses.l2Penalty(ALPHA, List.of(w1f, w2f)));
            }
            loss.backward();
            return this;
        }
    }

    private double[][] oneHot() {
        double[][] y = new double[N][K];
        for (int i = 0; i < N; i++) {
            y[i][labels[i]] = 1;
        }
        return y;
    }

    private static double[][] appendColumn(double[][] a, double[] column) {
        double[][] c = new double[a.length][a[0].length + 1];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, c[i], 0, a[i].length);
            c[i][a[i].length] = column[i];
        }
        return c;
    }

    private static double[][] columns(double[][] a, int from, int to) {
        double[][] c = new double[a.length][to - from];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], from, c[i], 0, to - from);
        }
        return c;
    }
}
