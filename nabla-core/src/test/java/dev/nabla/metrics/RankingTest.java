package dev.nabla.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values from scikit-learn 1.2 (Debian's python3-sklearn): roc_auc_score, average_precision_score,
 * balanced_accuracy_score on the same arrays (scripts/sklearn-reference/metrics.py).
 */
class RankingTest {
    private static final int[] TRUTH = {0, 0, 1, 1, 0, 1, 1, 0, 1, 0};
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.6, 0.2, 0.4, 0.05};

    @Test
    void rocAucAndAveragePrecisionMatchScikitLearnWithTies() {
        assertThat(Ranking.rocAuc(TRUTH, SCORES)).isCloseTo(SKLEARN_ROC_AUC, within(1e-12));
        assertThat(Ranking.averagePrecision(TRUTH, SCORES)).isCloseTo(SKLEARN_AP, within(1e-12));
    }

    @Test
    void aPerfectRankingScoresOneAndAReversedOneZero() {
        int[] t = {0, 0, 1, 1};
        assertThat(Ranking.rocAuc(t, new double[] {0.1, 0.2, 0.8, 0.9})).isEqualTo(1.0);
        assertThat(Ranking.rocAuc(t, new double[] {0.9, 0.8, 0.2, 0.1})).isEqualTo(0.0);
        assertThat(Ranking.averagePrecision(t, new double[] {0.1, 0.2, 0.8, 0.9})).isEqualTo(1.0);
        assertThat(Ranking.rocAuc(new int[] {1, 1}, new double[] {0.2, 0.3})).isNaN();
    }

    @Test
    void theBestF1ThresholdSeparatesAtTheBestCut() {
        double t = Ranking.bestF1Threshold(TRUTH, SCORES);
        // Cut ≥ 0.35: TP 5, FP 2, TN 3, FN 0 → F1 10/12 and 6/8, macro 0.7917; cut ≥ 0.6: TP 3, FP 0, TN 5, FN 2 →
        // F1 6/8 and 10/12, macro 0.7917 too; the higher cut wins the tie, halfway to the next score 0.4.
        assertThat(t).isEqualTo(0.5, within(1e-15));
    }

    @Test
    void balancedAccuracyIsTheMeanRecall() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 0, 0, 1, 1}, new int[] {0, 0, 0, 1, 1, 0}, 2);
        assertThat(cm.balancedAccuracy()).isCloseTo((0.75 + 0.5) / 2, within(1e-15));
    }

    private static final double SKLEARN_ROC_AUC = 0.8799999999999999;
    private static final double SKLEARN_AP = 0.8761904761904762;
}
