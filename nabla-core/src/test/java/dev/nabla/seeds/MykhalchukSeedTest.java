package dev.nabla.seeds;

import static dev.nabla.seeds.Mat.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.GradCheck;
import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
import dev.nabla.nn.Add;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.tensor.DType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (Mykhalchuk): A₁ = XW₁ᵀ + b₁, Z₁ = tanh A₁, A₂ = Z₁W₂ᵀ + b₂, Z₂ = ReLU(A₂) + XW_sᵀ,
 * A₃ = Z₂W₃ᵀ + b₃, Y = softmax(A₃), softmax cross-entropy averaged over the mini-batch of B rows.
 * Rows are examples here (the seed stacks examples as columns); Y is the prediction and Ŷ the one-hot truth,
 * as in the seed.
 * <p>
 * The seed's backward pass goes wrong in several places, each pinned down below:
 * δ³ = (ŷ/y)·softmax(a_i)(δ_ij − softmax(a_j)) drops the minus of ∂Loss/∂y = −ŷ/y and leaves j free
 * (the correct δ³ = Y − Ŷ, per example); δ² uses Σ_m w³_mk where Σ_m δ³_m w³_mk is needed; it takes
 * ReLU′(0) = 1; and it stops before the first layer ("I am too weak to finish this"). The correct equations,
 * finished down to W̄₁, are {@link Closed}.
 */
class MykhalchukSeedTest {
    private static final double TOLERANCE = 1e-12;
    private static final int B = 8;
    static final int D = 3;
    private static final int M = 5;
    private static final int L = 4;
    private static final int P = 3;

    final double[][] x;
    final int[] labels = new int[B];

    private final Linear first;
    private final Linear second;
    private final Linear skip;
    private final Linear third;
    private final Add body;
    final Sequential net;

    MykhalchukSeedTest() {
        var rng = new SplittableRandom(2018);
        first = new Linear(D, M, rng);
        second = new Linear(M, L, rng);
        skip = new Linear(D, L, false, Init.XAVIER_UNIFORM, rng);
        third = new Linear(L, P, rng);
        body = new Add(new Sequential(first, new Tanh(), second, new Relu()), skip);
        net = new Sequential(body, third);
        net.to(DType.F64);
        // Non-zero biases, so that their gradients and the 1bᵀ broadcasts are exercised.
        for (Linear layer : new Linear[] {first, second, third}) {
            for (int i = 0; i < layer.bias().data().size(); i++) {
                layer.bias().data().set(i, 0.4 * (2 * rng.nextDouble() - 1));
            }
        }
        x = Mat.random(rng, B, D, 1.5);
        for (int i = 0; i < B; i++) {
            labels[i] = (i * 2) % P;
        }
    }

    /** The forward pass through the modules, keeping Z₂ and A₃ as nodes so their gradients can be read. */
    private final class Pass {
        final Variable z2 = body.forward(Variable.constant(Mat.tensor(x)));
        final Variable a3 = third.forward(z2);
        final Variable loss = Losses.softmaxCrossEntropy(a3, labels);

        Pass backward() {
            loss.backward();
            return this;
        }
    }

    /** The correct backward equations, written out in plain arithmetic from the modules' weights. */
    final class Closed {
        final double[][] w1 = Mat.of(first.weight().data());
        final double[][] w2 = Mat.of(second.weight().data());
        final double[][] ws = Mat.of(skip.weight().data());
        final double[][] w3 = Mat.of(third.weight().data());
        final double[][] a1 = Mat.addRow(Mat.mul(x, Mat.t(w1)), first.bias().data().toDoubleArray());
        final double[][] z1 = Mat.map(a1, Math::tanh);
        final double[][] a2 = Mat.addRow(Mat.mul(z1, Mat.t(w2)), second.bias().data().toDoubleArray());
        final double[][] z2 = Mat.add(Mat.map(a2, v -> Math.max(0, v)), Mat.mul(x, Mat.t(ws)));
        final double[][] a3 = Mat.addRow(Mat.mul(z2, Mat.t(w3)), third.bias().data().toDoubleArray());
        final double[][] y = Mat.softmaxRows(a3);
        final double[][] delta3 = Mat.scale(1.0 / B, Mat.sub(y, oneHot()));   // δ³ = (Y − Ŷ)/B
        final double[][] w3Bar = Mat.mul(Mat.t(delta3), z2);                  // W̄₃ = δ³ᵀZ₂
        final double[] b3Bar = Mat.columnSums(delta3);
        final double[][] z2Bar = Mat.mul(delta3, w3);                         // Z̄₂ = δ³W₃
        final double[][] delta2 = Mat.hadamard(z2Bar, Mat.map(a2, v -> v > 0 ? 1 : 0)); // δ² = Z̄₂ ⊙ 1(A₂ > 0)
        final double[][] wsBar = Mat.mul(Mat.t(z2Bar), x);                    // W̄_s = Z̄₂ᵀX: no ReLU mask on the skip
        final double[][] w2Bar = Mat.mul(Mat.t(delta2), z1);                  // W̄₂ = δ²ᵀZ₁
        final double[] b2Bar = Mat.columnSums(delta2);
        final double[][] delta1 = Mat.hadamard(Mat.mul(delta2, w2), Mat.map(z1, v -> 1 - v * v)); // δ¹ = δ²W₂ ⊙ (1 − Z₁²)
        final double[][] w1Bar = Mat.mul(Mat.t(delta1), x);                   // W̄₁ = δ¹ᵀX
        final double[] b1Bar = Mat.columnSums(delta1);
    }

    @Test
    void seedsPerUnitSkipEqualsTheProjectionWithADiagonalWs() {
        double[] perUnit = {0.7, -1.3, 0.25}; // w_j^s for j ≤ D; units j > D get no skip
        var ws = skip.weight().data();
        ws.fillInPlace(0);
        for (int j = 0; j < D; j++) {
            ws.set(j, j, perUnit[j]);
        }
        Closed c = new Closed();
        // z²_jk = ReLU(a²_jk) + w_j^s x_jk if j ≤ D, ReLU(a²_jk) otherwise (the seed's scalar mini-batch form).
        double[][] seedZ2 = new double[B][L];
        for (int k = 0; k < B; k++) {
            for (int j = 0; j < L; j++) {
                seedZ2[k][j] = Math.max(0, c.a2[k][j]) + (j < D ? perUnit[j] * x[k][j] : 0);
            }
        }
        assertClose("Z₂ = ReLU(A₂) + XW_sᵀ with diagonal W_s", new Pass().z2.data(), seedZ2, TOLERANCE);
        assertThat(L).isGreaterThanOrEqualTo(D);
    }

    @Test
    void everyParameterPassesGradCheck() {
        GradCheck.Report report = GradCheck.check(net.namedParameters(),
                () -> Losses.softmaxCrossEntropy(net.forward(Variable.constant(Mat.tensor(x))), labels));
        assertThat(report.worstRelativeError()).containsOnlyKeys(
                "0.0.0.weight", "0.0.0.bias", "0.0.2.weight", "0.0.2.bias", "0.1.weight", "1.weight", "1.bias");
        assertThat(report.worst()).as("%s", report).isLessThan(1e-6);
    }

    @Test
    void autogradEqualsTheCorrectBackwardEquationsDownToTheFirstLayer() {
        Pass pass = new Pass().backward();
        Closed c = new Closed();

        assertClose("δ³ = Ā₃", pass.a3.grad(), c.delta3, TOLERANCE);
        assertClose("Z̄₂ = δ³W₃", pass.z2.grad(), c.z2Bar, TOLERANCE);
        assertClose("W̄₃", third.weight().grad(), c.w3Bar, TOLERANCE);
        assertClose("b̄₃", third.bias().grad(), c.b3Bar, TOLERANCE);
        assertClose("W̄_s", skip.weight().grad(), c.wsBar, TOLERANCE);
        assertClose("W̄₂", second.weight().grad(), c.w2Bar, TOLERANCE);
        assertClose("b̄₂", second.bias().grad(), c.b2Bar, TOLERANCE);
        assertClose("W̄₁", first.weight().grad(), c.w1Bar, TOLERANCE);
        assertClose("b̄₁", first.bias().grad(), c.b1Bar, TOLERANCE);
    }

    @Test
    void skipGradientMaskedByTheReluLikeTheMainPathWouldBeWrong() {
        Pass pass = new Pass().backward();
        Closed c = new Closed();
        double[][] masked = Mat.mul(Mat.t(c.delta2), x); // δ²ᵀX: treats the skip as if it ran through the ReLU
        assertThat(countInactive(c.a2)).isGreaterThan(0);
        assertThat(Mat.relativeError(masked, Mat.of(skip.weight().grad()))).isGreaterThan(0.05);
        assertThat(Mat.relativeError(c.wsBar, Mat.of(skip.weight().grad()))).isLessThanOrEqualTo(TOLERANCE);
        assertThat(pass.loss.data().item()).isPositive();
    }

    @Test
    void seedsDelta3HasTheWrongSignSoItPointsUphill() {
        Pass pass = new Pass().backward();
        Closed c = new Closed();
        double[][] oneHot = oneHot();
        // The seed's δ³_i = Σ_j (ŷ_j / y_j)·y_j(δ_ij − y_i), i.e. its expression with the chain-rule sum over
        // j done properly but the minus of ∂Loss/∂y_j = −ŷ_j/y_j dropped, as printed.
        double[][] seedDelta3 = new double[B][P];
        // Reading its free j as i (the diagonal term alone) is wrong in a second way.
        double[][] diagonalOnly = new double[B][P];
        for (int k = 0; k < B; k++) {
            for (int i = 0; i < P; i++) {
                double s = 0;
                for (int j = 0; j < P; j++) {
                    s += oneHot[k][j] / c.y[k][j] * c.y[k][j] * ((i == j ? 1 : 0) - c.y[k][i]);
                }
                seedDelta3[k][i] = s / B;
                diagonalOnly[k][i] = oneHot[k][i] / c.y[k][i] * c.y[k][i] * (1 - c.y[k][i]) / B;
            }
        }
        double[][] autograd = Mat.of(pass.a3.grad());
        assertThat(Mat.relativeError(seedDelta3, Mat.scale(-1, autograd))).isLessThanOrEqualTo(TOLERANCE);
        assertThat(Mat.relativeError(seedDelta3, autograd)).isGreaterThan(1.0);
        assertThat(Mat.relativeError(diagonalOnly, autograd)).isGreaterThan(0.5);
        assertThat(Mat.relativeError(Mat.scale(-1, diagonalOnly), autograd)).isGreaterThan(0.1);
    }

    @Test
    void seedsDelta2WithAnUnweightedSumOverW3DiffersFromTheCorrectOne() {
        Pass pass = new Pass().backward();
        Closed c = new Closed();
        double[] columnSumsOfW3 = Mat.columnSums(c.w3); // Σ_m w³_mk, the same for every example
        double[][] theta = Mat.map(c.a2, v -> v >= 0 ? 1 : 0);

        // Read with δ³ summed over the outputs (one number per example), the seed's δ² vanishes identically,
        // because softmax cross-entropy gives Σ_i δ³_i = Σ_i (y_i − ŷ_i) = 1 − 1 = 0.
        double[][] seedDelta2 = new double[B][L];
        for (int k = 0; k < B; k++) {
            double delta3Total = 0;
            for (int i = 0; i < P; i++) {
                delta3Total += c.delta3[k][i];
            }
            for (int j = 0; j < L; j++) {
                seedDelta2[k][j] = delta3Total * columnSumsOfW3[j] * theta[k][j];
            }
        }
        double[][] correct = Mat.hadamard(Mat.of(pass.z2.grad()), Mat.map(c.a2, v -> v > 0 ? 1 : 0));
        assertThat(Mat.relativeError(seedDelta2, correct)).isCloseTo(1.0, within(1e-9));
        assertThat(Mat.relativeError(correct, c.delta2)).isLessThanOrEqualTo(TOLERANCE);

        // Nor does any per-example factor rescue it: the correct δ²_kj / Σ_m w³_mj is not constant over the
        // active units j of an example, as δ²_kj = s_k·Σ_m w³_mj would require.
        boolean proportional = true;
        for (int k = 0; k < B; k++) {
            double ratio = Double.NaN;
            for (int j = 0; j < L; j++) {
                if (c.a2[k][j] > 0) {
                    double r = correct[k][j] / columnSumsOfW3[j];
                    if (!Double.isNaN(ratio) && Math.abs(r - ratio) > 1e-6 * Math.max(Math.abs(r), Math.abs(ratio))) {
                        proportional = false;
                    }
                    ratio = r;
                }
            }
        }
        assertThat(proportional).isFalse();
    }

    @Test
    void reluDerivativeAtExactlyZeroIsZeroNotTheSeedsOne() {
        // Unit j = 0 of the second layer gets A₂[:, 0] = 0 exactly: zero weights row and zero bias.
        var w2 = second.weight().data();
        for (int i = 0; i < M; i++) {
            w2.set(0, i, 0);
        }
        second.bias().data().set(0, 0);
        Pass pass = new Pass().backward();
        Closed c = new Closed();
        for (int k = 0; k < B; k++) {
            assertThat(c.a2[k][0]).isZero();
        }
        double autograd = second.bias().grad().get(0);
        double seedConvention = Mat.columnSums(c.z2Bar)[0]; // Θ(0) = 1 passes Z̄₂ through unchanged
        assertThat(autograd).isZero();
        assertThat(Math.abs(seedConvention)).isGreaterThan(1e-4);

        // Both are one-sided derivatives; central differences see their mean, half the seed's value (to O(h),
        // not O(h²): the loss has a kink at the point).
        double h = 1e-6;
        second.bias().data().set(0, h);
        double plus = new Pass().loss.data().item();
        second.bias().data().set(0, -h);
        double minus = new Pass().loss.data().item();
        second.bias().data().set(0, 0);
        assertThat((plus - minus) / (2 * h)).isCloseTo(seedConvention / 2, within(1e-6));
        assertThat(pass.loss.data().item()).isFinite();
    }

    private double[][] oneHot() {
        double[][] y = new double[B][P];
        for (int i = 0; i < B; i++) {
            y[i][labels[i]] = 1;
        }
        return y;
    }

    private static int countInactive(double[][] a) {
        int n = 0;
        for (double[] row : a) {
            for (double v : row) {
                n += v <= 0 ? 1 : 0;
            }
        }
        return n;
    }
}
