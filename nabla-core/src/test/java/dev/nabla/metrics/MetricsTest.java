package dev.nabla.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void accuracyCountsHits() {
        assertThat(Metrics.accuracy(new int[] {0, 1, 2, 1}, new int[] {0, 2, 2, 1})).isEqualTo(0.75);
        assertThat(Metrics.accuracy(new int[] {3}, new int[] {4})).isZero();
    }

    @Test
    void logLossAveragesMinusLogOfTheTrueClassProbability() {
        Tensor p = Tensor.of(new float[][] {{0.5f, 0.25f, 0.25f}, {0.125f, 0.75f, 0.125f}});
        // −(ln 0.5 + ln 0.75)/2, from the true-class probabilities alone
        assertThat(Metrics.logLoss(p, new int[] {0, 1})).isCloseTo(-(Math.log(0.5) + Math.log(0.75)) / 2, within(1e-7));
    }

    @Test
    void logLossClipsZeroAndOneProbabilities() {
        Tensor p = Tensor.of(new float[][] {{1f, 0f}, {1f, 0f}});
        // Row 0: −ln(1 − 1e-15) ≈ 1e-15; row 1: −ln(1e-15) = 15·ln 10.
        assertThat(Metrics.logLoss(p, new int[] {0, 1})).isCloseTo((1e-15 + 15 * Math.log(10)) / 2, within(1e-9));
    }

    @Test
    void logLossRejectsLabelsOutsideTheColumns() {
        Tensor p = Tensor.of(new float[][] {{0.5f, 0.5f}});
        assertThatThrownBy(() -> Metrics.logLoss(p, new int[] {2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 2");
        assertThatThrownBy(() -> Metrics.logLoss(p, new int[] {0, 1})).hasMessageContaining("2").hasMessageContaining("1");
    }

    @Test
    void regressionErrors() {
        float[] truth = {1, 2, 3, 4};
        float[] predicted = {2, 2, 1, 5};
        // errors 1, 0, −2, 1
        assertThat(Metrics.mse(truth, predicted)).isEqualTo((1 + 0 + 4 + 1) / 4.0);
        assertThat(Metrics.mae(truth, predicted)).isEqualTo((1 + 0 + 2 + 1) / 4.0);
        // mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5, SS_res = 6
        assertThat(Metrics.r2(truth, predicted)).isCloseTo(1 - 6 / 5.0, within(1e-12));
        assertThat(Metrics.r2(truth, truth)).isEqualTo(1);
        float[] mean = {2.5f, 2.5f, 2.5f, 2.5f};
        assertThat(Metrics.r2(truth, mean)).as("predicting the mean").isZero();
    }

    @Test
    void r2OfAConstantTruthIsOneWhenPerfectAndZeroOtherwise() {
        float[] constant = {7, 7, 7};
        assertThat(Metrics.r2(constant, new float[] {7, 7, 7})).isEqualTo(1);
        assertThat(Metrics.r2(constant, new float[] {7, 8, 7})).isZero();
    }

    @Test
    void lengthMismatchNamesBothLengths() {
        assertThatThrownBy(() -> Metrics.mse(new float[3], new float[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3").hasMessageContaining("5");
        assertThatThrownBy(() -> Metrics.accuracy(new int[2], new int[7])).hasMessageContaining("2").hasMessageContaining("7");
        assertThatThrownBy(() -> Metrics.mae(new float[0], new float[0])).hasMessageContaining("no rows");
    }
}
