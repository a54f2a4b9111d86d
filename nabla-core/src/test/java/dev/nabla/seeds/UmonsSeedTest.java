package dev.nabla.seeds;

import static dev.nabla.seeds.Mat.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.GradCheck;
import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 (UMONS, Ben Taieb): the 2–3–1 network G = XUᵀ + 1bᵀ, H = tanh G, z = HWᵀ + 1c, o = σ(z),
 * ε = (1/N)Σ y log(1+e^{−z}) + (1−y) log(1+e^{z}), and its hand-written backward equations.
 * <p>
 * Two slips in the seed's vector form, both pinned down here: c̄ = zᵀ1 should read c̄ = z̄ᵀ1, and
 * W̄ = Hᵀz̄ is 3×1 while W is 1×3 (the gradient of W is its transpose, z̄ᵀH). Its scalar form is right.
 */
class UmonsSeedTest {
    private static final double TOLERANCE = 1e-12;
    private static final int N = 7;

    /** The seed's parameters and data, as plain arrays, drawn once from a fixed seed. */
    final double[][] x;
    final double[][] u;
    final double[] b;
    final double[][] w;
    final double c;
    final double[] y;

    UmonsSeedTest() {
        var rng = new SplittableRandom(2021);
        x = Mat.random(rng, N, 2, 2.0);
        u = Mat.random(rng, 3, 2, 1.5);
        b = Mat.randomVector(rng, 3, 0.5);
        w = Mat.random(rng, 1, 3, 1.5);
        c = 0.3;
        y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
        }
    }

    /** The graph built op by op from Variable ops, so that H and G are nodes whose gradients autograd keeps. */
    private final class Graph {
        final Variable uVar = Variable.parameter(Mat.tensor(u));
        final Variable bVar = Variable.parameter(Mat.tensor(b));
        final Variable wVar = Variable.parameter(Mat.tensor(w));
        final Variable cVar = Variable.parameter(Tensor.of(c));
        Variable g;
        Variable h;
        Variable z;
        Variable epsilon;

        Graph forward() {
            Variable xVar = Variable.constant(Mat.tensor(x));
            g = xVar.matmul(uVar, false, true).add(bVar);
            h = g.tanh();
            z = h.matmul(wVar, false, true).add(cVar);
            epsilon = Losses.binaryCrossEntropyWithLogits(z, Mat.tensor(Mat.column(y)));
            return this;
        }

        Map<String, Variable> parameters() {
            var p = new LinkedHashMap<String, Variable>();
            p.put("U", uVar);
            p.put("b", bVar);
            p.put("W", wVar);
            p.put("c", cVar);
            return p;
        }
    }

    /** The seed's vector-form forward and backward equations in plain arithmetic. */
    final class VectorForm {
        final double[][] gM = Mat.addRow(Mat.mul(x, Mat.t(u)), b);           // G = XUᵀ + 1bᵀ
        final double[][] hM = Mat.map(gM, Math::tanh);                        // H = tanh G
        final double[][] zM = Mat.map(Mat.mul(hM, Mat.t(w)), v -> v + c);     // z = HWᵀ + 1c
        final double[][] oM = Mat.map(zM, v -> 1 / (1 + Math.exp(-v)));       // o = σ(z)
        final double[][] zBar = Mat.scale(1.0 / N, Mat.sub(oM, Mat.column(y))); // z̄ = (o − y)/N
        final double[][] wBar = Mat.mul(Mat.t(zBar), hM);                     // W̄ = z̄ᵀH, 1×3 like W
        final double cBar = Mat.columnSums(zBar)[0];                          // c̄ = z̄ᵀ1
        final double[][] hBar = Mat.mul(zBar, w);                             // H̄ = z̄W
        final double[][] gBar = Mat.hadamard(hBar, Mat.map(gM, v -> 1 - Math.tanh(v) * Math.tanh(v))); // Ḡ = H̄ ⊙ (1 − tanh²G)
        final double[][] uBar = Mat.mul(Mat.t(gBar), x);                      // Ū = ḠᵀX
        final double[] bBar = Mat.columnSums(gBar);                           // b̄ = Ḡᵀ1
    }

    @Test
    void autogradGradientsOfUbWcEqualTheSeedsVectorFormBackwardEquations() {
        Graph net = new Graph().forward();
        net.epsilon.backward();
        VectorForm v = new VectorForm();

        assertClose("Ū = ḠᵀX", net.uVar.grad(), v.uBar, TOLERANCE);
        assertClose("b̄ = Ḡᵀ1", net.bVar.grad(), v.bBar, TOLERANCE);
        assertClose("W̄ = z̄ᵀH", net.wVar.grad(), v.wBar, TOLERANCE);
        assertClose("c̄ = z̄ᵀ1", net.cVar.grad(), new double[] {v.cBar}, TOLERANCE);
        // The seed's W̄ = Hᵀz̄ holds the same numbers as a 3×1 column: the transpose of W's gradient.
        assertThat(Mat.relativeError(Mat.t(Mat.mul(Mat.t(v.hM), v.zBar)), v.wBar)).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void autogradKeepsTheIntermediateGradientsZbarHbarGbarOfTheSeed() {
        Graph net = new Graph().forward();
        net.epsilon.backward();
        VectorForm v = new VectorForm();

        assertClose("z (forward)", net.z.data(), v.zM, TOLERANCE);
        assertClose("z̄ = (o − y)/N", net.z.grad(), v.zBar, TOLERANCE);
        assertClose("H̄ = z̄W", net.h.grad(), v.hBar, TOLERANCE);
        assertClose("Ḡ = H̄ ⊙ (1 − tanh²G)", net.g.grad(), v.gBar, TOLERANCE);
    }

    @Test
    void seedsCbarEqualsZTransposeOneIsNotTheGradientOfCButZbarTransposeOneIs() {
        Graph net = new Graph().forward();
        net.epsilon.backward();
        VectorForm v = new VectorForm();
        double autograd = net.cVar.grad().item();
        double numeric = centralDifferenceInC();
        double seedAsWritten = Mat.columnSums(v.zM)[0]; // zᵀ1: the sum of the logits, not of their gradients

        assertThat(numeric).isCloseTo(autograd, within(1e-8));
        assertThat(v.cBar).isCloseTo(autograd, within(TOLERANCE));
        assertThat(Math.abs(seedAsWritten - numeric)).as("zᵀ1 versus ∂ε/∂c").isGreaterThan(0.1);
        assertThat(Math.abs(seedAsWritten - autograd)).as("zᵀ1 versus autograd's c̄").isGreaterThan(0.1);
    }

    @Test
    void gradCheckRejectsABackwardThatUsesTheSeedsCbarAndAcceptsTheCorrectOne() {
        Graph correct = new Graph();
        GradCheck.Report good = GradCheck.check(correct.parameters(), () -> correct.forward().epsilon);
        assertThat(good.worst()).as("%s", good).isLessThan(1e-6);

        // The output layer z = HWᵀ + 1c as one hand-written node whose backward follows the seed literally.
        Graph literal = new Graph();
        Variable xVar = Variable.constant(Mat.tensor(x));
        Tensor target = Mat.tensor(Mat.column(y));
        GradCheck.Report bad = GradCheck.check(literal.parameters(), () -> {
            Variable h = xVar.matmul(literal.uVar, false, true).add(literal.bVar).tanh();
            double[][] hM = Mat.of(h.data());
            double[][] wM = Mat.of(literal.wVar.data());
            double cV = literal.cVar.data().item();
            double[][] zM = Mat.map(Mat.mul(hM, Mat.t(wM)), v -> v + cV);
            Variable z = Variable.fromOp("seedOutput", Mat.tensor(zM), zBarT -> {
                double[][] zBar = Mat.of(zBarT);
                add(h.gradBuffer(), Mat.mul(zBar, wM));               // H̄ = z̄W
                add(literal.wVar.gradBuffer(), Mat.mul(Mat.t(zBar), hM)); // W̄ = z̄ᵀH
                add(literal.cVar.gradBuffer(), new double[][] {{Mat.columnSums(zM)[0]}}); // the seed's c̄ = zᵀ1
            }, h, literal.wVar, literal.cVar);
            return Losses.binaryCrossEntropyWithLogits(z, target);
        });
        assertThat(bad.worstParameter()).isEqualTo("c");
        assertThat(bad.worstRelativeError().get("c")).isGreaterThan(0.5);
        assertThat(bad.worstRelativeError().get("U")).isLessThan(1e-6);
        assertThat(bad.worstRelativeError().get("W")).isLessThan(1e-6);
    }

    @Test
    void scalarFormBackwardEquationsAgreeWithTheVectorForm() {
        double[][] g = new double[N][3];
        double[][] h = new double[N][3];
        double[] z = new double[N];
        double[] o = new double[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 3; j++) {
                g[i][j] = u[j][0] * x[i][0] + u[j][1] * x[i][1] + b[j];
                h[i][j] = Math.tanh(g[i][j]);
            }
            z[i] = w[0][0] * h[i][0] + w[0][1] * h[i][1] + w[0][2] * h[i][2] + c;
            o[i] = 1 / (1 + Math.exp(-z[i]));
        }
        double[] zBar = new double[N];
        double[] wBar = new double[3];
        double cBar = 0;
        double[][] hBar = new double[N][3];
        double[][] gBar = new double[N][3];
        double[][] uBar = new double[3][2];
        double[] bBar = new double[3];
        for (int i = 0; i < N; i++) {
            zBar[i] = (o[i] - y[i]) / N;
            cBar += zBar[i];
            for (int j = 0; j < 3; j++) {
                wBar[j] += zBar[i] * h[i][j];
                hBar[i][j] = zBar[i] * w[0][j];
                gBar[i][j] = hBar[i][j] * (1 - Math.tanh(g[i][j]) * Math.tanh(g[i][j]));
                bBar[j] += gBar[i][j];
                for (int k = 0; k < 2; k++) {
                    uBar[j][k] += gBar[i][j] * x[i][k];
                }
            }
        }
        VectorForm v = new VectorForm();
        assertThat(Mat.relativeError(Mat.column(zBar), v.zBar)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(Mat.relativeError(hBar, v.hBar)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(Mat.relativeError(gBar, v.gBar)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(Mat.relativeError(uBar, v.uBar)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(Mat.relativeError(new double[][] {bBar}, new double[][] {v.bBar})).isLessThanOrEqualTo(TOLERANCE);
        assertThat(Mat.relativeError(new double[][] {wBar}, v.wBar)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(cBar).isCloseTo(v.cBar, within(TOLERANCE));
    }

    @Test
    void costIsFiniteAndEqualsItsAsymptoteForLogitsOfMagnitudeOneThousand() {
        double[] logits = {1000, -1000, 1000, -1000};
        double[] labels = {1, 0, 0, 1};
        Variable z = Variable.parameter(Mat.tensor(Mat.column(logits)));
        Variable epsilon = Losses.binaryCrossEntropyWithLogits(z, Mat.tensor(Mat.column(labels)));
        epsilon.backward();

        // For |z| ≫ 1, L(z, y) = max(z, 0) − yz + log(1 + e^{−|z|}), and e^{−1000} is below a double's ulp:
        // the two confident right answers cost 0, the two confident wrong ones cost 1000 each.
        double asymptote = 0;
        for (int i = 0; i < logits.length; i++) {
            asymptote += Math.max(logits[i], 0) - labels[i] * logits[i];
        }
        asymptote /= logits.length;
        assertThat(asymptote).isEqualTo(500.0);
        assertThat(epsilon.data().item()).isFinite().isCloseTo(asymptote, within(asymptote * TOLERANCE));
        // z̄ = (σ(z) − y)/N with σ(±1000) = 1, 0 exactly.
        assertClose("z̄", z.grad(), new double[][] {{0}, {0}, {0.25}, {-0.25}}, TOLERANCE);
        // The seed's formula evaluated literally overflows: e^{1000} = ∞, and 0·∞ = NaN for y = 1.
        double literal = labels[3] * Math.log(1 + Math.exp(-logits[3])) + (1 - labels[3]) * Math.log(1 + Math.exp(logits[3]));
        assertThat(Double.isFinite(literal)).isFalse();
    }

    @Test
    void costThroughTheNetworkIsFiniteWhenTheOutputBiasDrivesZToOneThousand() {
        Variable xVar = Variable.constant(Mat.tensor(x));
        Variable uVar = Variable.parameter(Mat.tensor(u));
        Variable bVar = Variable.parameter(Mat.tensor(b));
        Variable wVar = Variable.parameter(Mat.tensor(w));
        Variable cVar = Variable.parameter(Tensor.of(1000.0));
        Variable z = xVar.matmul(uVar, false, true).add(bVar).tanh().matmul(wVar, false, true).add(cVar);
        Variable epsilon = Losses.binaryCrossEntropyWithLogits(z, Mat.tensor(Mat.column(y)));
        epsilon.backward();

        double[][] zM = Mat.of(z.data());
        double asymptote = 0;
        double positives = 0;
        for (int i = 0; i < N; i++) {
            asymptote += zM[i][0] - y[i] * zM[i][0]; // z > 0 here, so max(z, 0) − yz = (1 − y)z
            positives += y[i];
        }
        asymptote /= N;
        assertThat(epsilon.data().item()).isFinite().isCloseTo(asymptote, within(asymptote * TOLERANCE));
        // σ(z) = 1 for every row, so c̄ = Σ(1 − y)/N exactly: the fraction of negatives.
        assertThat(cVar.grad().item()).isCloseTo((N - positives) / N, within(TOLERANCE));
        assertThat(Arrays.stream(uVar.grad().toDoubleArray()).allMatch(Double::isFinite)).isTrue();
    }

    private double centralDifferenceInC() {
        double step = 1e-6;
        return (costAtC(c + step) - costAtC(c - step)) / (2 * step);
    }

    /** ε as a function of c alone, evaluated in plain arithmetic (log1p form, fine for these small z). */
    private double costAtC(double cValue) {
        double[][] h = Mat.map(Mat.addRow(Mat.mul(x, Mat.t(u)), b), Math::tanh);
        double[][] z = Mat.map(Mat.mul(h, Mat.t(w)), v -> v + cValue);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += y[i] * Math.log1p(Math.exp(-z[i][0])) + (1 - y[i]) * Math.log1p(Math.exp(z[i][0]));
        }
        return sum / N;
    }

    private static void add(Tensor into, double[][] values) {
        double[][] flat = Mat.reshape(values, 1, into.size());
        for (int i = 0; i < into.size(); i++) {
            into.set(i, into.get(i) + flat[0][i]);
        }
    }
}
