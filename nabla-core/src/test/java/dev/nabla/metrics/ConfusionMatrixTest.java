package dev.nabla.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    //                                 actual:    0  0  0  1  1  2
    //                                 predicted: 0  1  0  1  2  2
    private static final ConfusionMatrix CM = ConfusionMatrix.of(new int[] {0, 0, 0, 1, 1, 2},
            new int[] {0, 1, 0, 1, 2, 2}, 3);

    @Test
    void countsRowsByActualThenPredicted() {
        assertThat(CM.counts()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
        assertThat(CM.count(0, 1)).isEqualTo(1);
        assertThat(CM.count(1, 0)).isZero();
        assertThat(CM.classes()).isEqualTo(3);
        assertThat(CM.total()).isEqualTo(6);
        CM.counts()[0][0] = 99;
        assertThat(CM.count(0, 0)).as("counts() is a copy").isEqualTo(2);
    }

    @Test
    void perClassScores() {
        assertThat(CM.accuracy()).isCloseTo(4 / 6.0, within(1e-15));
        // precision: column sums 2, 2, 2 → 2/2, 1/2, 1/2; recall: row sums 3, 2, 1 → 2/3, 1/2, 1/1
        assertThat(CM.precision(0)).isEqualTo(1.0);
        assertThat(CM.precision(1)).isEqualTo(0.5);
        assertThat(CM.recall(0)).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(CM.recall(2)).isEqualTo(1.0);
        assertThat(CM.support(0)).isEqualTo(3);
        // F1: 2·1·(2/3)/(5/3) = 0.8; 2·0.5·0.5/1 = 0.5; 2·0.5·1/1.5 = 2/3
        assertThat(CM.f1(0)).isCloseTo(0.8, within(1e-15));
        assertThat(CM.f1(1)).isCloseTo(0.5, within(1e-15));
        assertThat(CM.f1(2)).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(CM.macroF1()).isCloseTo((0.8 + 0.5 + 2 / 3.0) / 3, within(1e-15));
    }

    @Test
    void undefinedScoresAreZero() {
        // Class 2 never occurs and is never predicted; class 1 is predicted but never right.
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 1}, 3);
        assertThat(cm.precision(2)).isZero();
        assertThat(cm.recall(2)).isZero();
        assertThat(cm.f1(2)).isZero();
        assertThat(cm.precision(1)).isZero();
        assertThat(cm.recall(1)).as("no support").isZero();
        // class 0: P = 1, R = 1/2, F1 = 2/3; the other two count as 0
        assertThat(cm.macroF1()).isCloseTo(2 / 3.0 / 3, within(1e-15));
    }

    @Test
    void tableHasActualRowsAndPredictedColumnsAligned() {
        String table = CM.table(List.of("cat", "dog", "hamster"));
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("actual \\ predicted").contains("cat", "dog", "hamster");
        assertThat(lines.get(1).split("\\s+")).containsExactly("cat", "2", "1", "0");
        assertThat(lines.get(2).split("\\s+")).containsExactly("dog", "0", "1", "1");
        assertThat(lines.get(3).split("\\s+")).containsExactly("hamster", "0", "0", "1");
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSameSizeAs(lines.get(0)));
        assertThat(lines.get(1).lastIndexOf('0')).as("right-aligned under its header")
                .isEqualTo(lines.get(0).length() - 1);
    }

    @Test
    void reportListsScoresPerClassAndTheAverages() {
        String report = CM.report(List.of("cat", "dog", "hamster"));
        assertThat(report.lines().filter(l -> l.trim().startsWith("cat")).findFirst().orElseThrow().trim().split("\\s+"))
                .containsExactly("cat", "1.0000", "0.6667", "0.8000", "3");
        assertThat(report).containsPattern("accuracy\\s+0\\.6667\\s+6");
        // macro: precision (1 + 0.5 + 0.5)/3, recall (2/3 + 1/2 + 1)/3 = 0.7222, F1 0.6556
        assertThat(report).containsPattern("macro avg\\s+0\\.6667\\s+0\\.7222\\s+0\\.6556\\s+6");
        // weighted by support 3, 2, 1: precision (3 + 1 + 0.5)/6 = 0.75, recall = accuracy, F1 (2.4 + 1 + 2/3)/6
        assertThat(report).containsPattern("weighted avg\\s+0\\.7500\\s+0\\.6667\\s+0\\.6778\\s+6");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 0}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("3");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CM.table(List.of("a", "b"))).hasMessageContaining("2 class names");
    }
}
