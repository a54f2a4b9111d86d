package dev.nabla.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LossesTest {
    /** Relative tolerance of loss values: float32 rounding, or float64 rounding of a few operations. */
    private static double tol(DType dtype) {
        return dtype == DType.F32 ? 1e-5 : 1e-12;
    }

    private static Tensor tensor(DType dtype, double[][] rows) {
        return Tensor.of(dtype, rows);
    }

    private static Tensor random(DType dtype, SplittableRandom rng, double scale, int r, int c) {
        Tensor t = Tensor.zeros(dtype, r, c);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, rng.nextDouble(-scale, scale));
        }
        return t;
    }

    // ---- binary cross-entropy ------------------------------------------------------------------------

    @ParameterizedTest(name = "{2}: z = {0}, y = {1}")
    @CsvSource({
            "1000, 0, F64, 1000", "-1000, 1, F64, 1000", "1000, 1, F64, 0", "-1000, 0, F64, 0",
            "1000, 0, F32, 1000", "-1000, 1, F32, 1000", "1000, 1, F32, 0", "-1000, 0, F32, 0"})
    void binaryCrossEntropyFromExtremeLogitsIsFiniteAndExact(double z, double y, DType dtype, double expected) {
        Variable logits = Variable.parameter(Tensor.full(dtype, z, 1, 1));
        Variable loss = Losses.binaryCrossEntropyWithLogits(logits, Tensor.full(dtype, y, 1, 1));

        assertThat(loss.data().item()).isCloseTo(expected, within(1e-9));
        loss.backward();
        // z̄ = σ(z) − y: ±1 when the logit is confidently wrong, 0 when confidently right.
        assertThat(logits.grad().item()).isCloseTo(expected == 0 ? 0 : (y == 0 ? 1 : -1), within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void binaryCrossEntropyMatchesTheUmonsFormForModerateLogits(DType dtype) {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor z = random(dtype, rng, 8, 5, 3);
        Tensor y = Tensor.zeros(dtype, 5, 3);
        for (int i = 0; i < y.size(); i++) {
            y.set(i, i % 3 == 0 ? 1 : (i % 3 == 1 ? 0 : rng.nextDouble()));
        }
        double expected = 0;
        for (int i = 0; i < z.size(); i++) {
            double zi = z.get(i);
            double yi = y.get(i);
            expected += yi * Math.log(1 + Math.exp(-zi)) + (1 - yi) * Math.log(1 + Math.exp(zi));
        }
        expected /= z.size();

        Variable logits = Variable.parameter(z);
        Variable loss = Losses.binaryCrossEntropyWithLogits(logits, y);
        loss.backward();

        assertThat(loss.data().item()).isCloseTo(expected, within(tol(dtype) * Math.abs(expected)));
        for (int i = 0; i < z.size(); i++) {
            double sigma = 1 / (1 + Math.exp(-z.get(i)));
            assertThat(logits.grad().get(i)).isCloseTo((sigma - y.get(i)) / z.size(), within(tol(dtype)));
        }
    }

    @Test
    void binaryCrossEntropyRejectsTargetsOfAnotherShape() {
        Variable logits = Variable.parameter(Tensor.zeros(DType.F64, 2, 3));
        assertThatThrownBy(() -> Losses.binaryCrossEntropyWithLogits(logits, Tensor.zeros(DType.F64, 3, 2)))
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
    }

    // ---- softmax cross-entropy -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxCrossEntropyWithLabelsMatchesTheDefinition(DType dtype) {
        Tensor z = tensor(dtype, new double[][] {{1, 2, 3}, {0.5, -1, 0}, {2, 2, 2}, {-3, 4, 0.25}});
        int[] labels = {2, 0, 1, 1};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double norm = 0;
            for (int j = 0; j < 3; j++) {
                norm += Math.exp(z.get(i, j));
            }
            expected -= Math.log(Math.exp(z.get(i, labels[i])) / norm);
        }
        expected /= 4;

        assertThat(Losses.softmaxCrossEntropy(Variable.constant(z), labels).data().item())
                .isCloseTo(expected, within(tol(dtype) * expected));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxCrossEntropyWithLabelsEqualsOneHotProbabilityTargets(DType dtype) {
        SplittableRandom rng = new SplittableRandom(11);
        Tensor z = random(dtype, rng, 4, 6, 5);
        int[] labels = {0, 4, 2, 2, 1, 3};
        Tensor oneHot = Tensor.zeros(dtype, 6, 5);
        for (int i = 0; i < labels.length; i++) {
            oneHot.set(i, labels[i], 1);
        }
        Variable a = Variable.parameter(z.copy());
        Variable b = Variable.parameter(z.copy());

        Variable la = Losses.softmaxCrossEntropy(a, labels);
        Variable lb = Losses.softmaxCrossEntropy(b, oneHot);
        la.backward();
        lb.backward();

        assertThat(la.data().item()).isCloseTo(lb.data().item(), within(tol(dtype) * la.data().item()));
        for (int i = 0; i < z.size(); i++) {
            assertThat(a.grad().get(i)).isCloseTo(b.grad().get(i), within(tol(dtype)));
        }
        // Z̄ = (P − onehot)/N: each row of the gradient sums to zero.
        for (int i = 0; i < 6; i++) {
            double s = 0;
            for (double g : a.grad().row(i)) {
                s += g;
            }
            assertThat(s).isCloseTo(0, within(tol(dtype)));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxCrossEntropyStaysFiniteForLargeLogits(DType dtype) {
        Tensor z = tensor(dtype, new double[][] {{1e4, 0, -1e4}, {1e4, 1e4, 0}});
        Variable logits = Variable.parameter(z);

        Variable right = Losses.softmaxCrossEntropy(logits, new int[] {0, 1});
        Variable wrong = Losses.softmaxCrossEntropy(Variable.constant(z), new int[] {2, 2});
        Variable soft = Losses.softmaxCrossEntropy(Variable.constant(z),
                tensor(dtype, new double[][] {{0, 1, 0}, {0.5, 0.5, 0}}));
        right.backward();

        // Row 0 label 0: −log 1 = 0; row 1 label 1: −log ½ = log 2 (exact in float32 too: the log-sum-exp
        // 1e4 + log 2 is not rounded to float spacing at 1e4 before 1e4 is subtracted again).
        assertThat(right.data().item()).isCloseTo(Math.log(2) / 2, within(1e-7));
        // Row 0 label 2: 2e4; row 1 label 2: 1e4 + log 2.
        assertThat(wrong.data().item()).isCloseTo((2e4 + 1e4 + Math.log(2)) / 2, within(1e-2));
        // Row 0 target 1: 1e4; row 1: log 2.
        assertThat(soft.data().item()).isCloseTo((1e4 + Math.log(2)) / 2, within(1e-2));
        for (double g : logits.grad().toDoubleArray()) {
            assertThat(g).isFinite();
        }
        assertThat(logits.grad().get(1, 0)).isCloseTo(0.25, within(1e-6));
        assertThat(logits.grad().get(1, 1)).isCloseTo(-0.25, within(1e-6));
    }

    @Test
    void softmaxCrossEntropyRejectsALabelOutsideTheClassesNamingLabelAndRow() {
        Variable z = Variable.parameter(Tensor.zeros(DType.F64, 3, 4));

        assertThatThrownBy(() -> Losses.softmaxCrossEntropy(z, new int[] {0, 4, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 4").hasMessageContaining("row 1").hasMessageContaining("[0, 4)");
        assertThatThrownBy(() -> Losses.softmaxCrossEntropy(z, new int[] {0, 1, -1}))
                .hasMessageContaining("label -1").hasMessageContaining("row 2");
        assertThatThrownBy(() -> Losses.softmaxCrossEntropy(z, new int[] {0, 1}))
                .hasMessageContaining("[3, 4]").hasMessageContaining("need 3 labels, got 2")
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- squared errors and the penalty --------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DType.class)
    void halfSumSquaredErrorIsHalfTheSquaredDistance(DType dtype) {
        Tensor y = tensor(dtype, new double[][] {{1, 2}, {3, -4}, {0.5, 0}});
        Tensor t = tensor(dtype, new double[][] {{0, 2}, {1, 1}, {-0.5, 2}});
        Variable out = Variable.parameter(y);

        Variable e = Losses.halfSumSquaredError(out, t);
        e.backward();

        // ½(1 + 0 + 4 + 25 + 1 + 4) = 17.5
        assertThat(e.data().item()).isCloseTo(17.5, within(tol(dtype)));
        assertThat(out.grad().toDoubleArray()).containsExactly(1, 0, 2, -5, 1, -2);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void mseIsTheMeanSquaredError(DType dtype) {
        Tensor y = tensor(dtype, new double[][] {{1, 2}, {3, -4}, {0.5, 0}});
        Tensor t = tensor(dtype, new double[][] {{0, 2}, {1, 1}, {-0.5, 2}});
        Variable out = Variable.parameter(y);

        Variable l = Losses.mse(out, t);
        l.backward();

        assertThat(l.data().item()).isCloseTo(35.0 / 6, within(tol(dtype) * 6));
        double[] expected = {2.0 / 6, 0, 4.0 / 6, -10.0 / 6, 2.0 / 6, -4.0 / 6};
        for (int i = 0; i < expected.length; i++) {
            assertThat(out.grad().get(i)).isCloseTo(expected[i], within(tol(dtype)));
        }
    }

    @Test
    void squaredErrorsRejectTargetsOfAnotherShapeNamingBoth() {
        Variable out = Variable.parameter(Tensor.zeros(DType.F32, 2, 3));
        assertThatThrownBy(() -> Losses.mse(out, Tensor.zeros(DType.F32, 4, 5)))
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Losses.halfSumSquaredError(out, Tensor.zeros(DType.F32, 3)))
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3]");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void l2PenaltyIsHalfAlphaTimesTheSumOfSquares(DType dtype) {
        Variable w = Variable.parameter(tensor(dtype, new double[][] {{1, -2}, {3, 0.5}}));
        Variable b = Variable.parameter(Tensor.full(dtype, 2, 3));
        double alpha = 0.1;

        Variable penalty = Losses.l2Penalty(alpha, List.of(w, b));
        penalty.backward();

        // α/2·(1 + 4 + 9 + 0.25 + 3·4) = 0.05·26.25
        assertThat(penalty.data().item()).isCloseTo(0.05 * 26.25, within(tol(dtype)));
        double[] expectedW = {0.1, -0.2, 0.3, 0.05};
        for (int i = 0; i < 4; i++) {
            assertThat(w.grad().get(i)).isCloseTo(expectedW[i], within(tol(dtype)));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(b.grad().get(i)).isCloseTo(0.2, within(tol(dtype)));
        }
        assertThatThrownBy(() -> Losses.l2Penalty(alpha, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lossesOfConstantsRecordNoGradient() {
        Tensor y = Tensor.of(1.0, 2.0);
        assertThat(Losses.mse(Variable.constant(y), Tensor.of(0.0, 0.0)).requiresGrad()).isFalse();
        assertThat(Losses.mse(Variable.parameter(y), Tensor.of(0.0, 0.0)).requiresGrad()).isTrue();
    }
}
