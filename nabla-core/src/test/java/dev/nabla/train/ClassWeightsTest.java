package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.data.DataException;
import dev.nabla.data.Dataset;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {
    /** 6 rows: 4 of "a", 1 of "b", 1 of "c". */
    private static final Dataset THREE = Dataset.classification("d", Tensor.zeros(6, 1), List.of("x"), "y",
            new int[] {0, 0, 0, 0, 1, 2}, List.of("a", "b", "c"));
    private static final Dataset TWO = Dataset.classification("d", Tensor.zeros(5, 1), List.of("x"), "y",
            new int[] {0, 0, 0, 0, 1}, List.of("good", "bad"));

    @Test
    void balancedIsRowsOverClassesTimesRowsOfTheClass() {
        double[] w = ClassWeights.BALANCED.of(THREE);
        assertThat(w[0]).isCloseTo(6.0 / (3 * 4), within(1e-15));
        assertThat(w[1]).isCloseTo(2.0, within(1e-15));
        assertThat(w[2]).isCloseTo(2.0, within(1e-15));
        assertThat(ClassWeights.parse("balanced")).isEqualTo(ClassWeights.BALANCED);
        assertThat(ClassWeights.parse("None")).isEqualTo(ClassWeights.NONE);
    }

    @Test
    void givenWeightsAreByClassNameAndOthersWeighOne() {
        assertThat(ClassWeights.parse("b=3, c=0.5").of(THREE)).containsExactly(1, 3, 0.5);
        assertThatThrownBy(() -> ClassWeights.parse("z=2").of(THREE)).isInstanceOf(DataException.class)
                .hasMessageContaining("class 'z'");
        assertThatThrownBy(() -> ClassWeights.parse("b=heavy")).hasMessageContaining("'heavy' is not a number");
        assertThatThrownBy(() -> ClassWeights.parse("b=-1")).hasMessageContaining("zero or positive");
        assertThatThrownBy(() -> ClassWeights.parse("3")).hasMessageContaining("NAME=WEIGHT");
    }

    @Test
    void theLossTakesTheWeights() {
        Objective weighted = ClassWeights.BALANCED.apply(Objective.SOFTMAX_CROSS_ENTROPY, THREE);
        assertThat(weighted.classWeights()).containsExactly(0.5, 2, 2);
        Objective binary = ClassWeights.BALANCED.apply(Objective.BINARY_CROSS_ENTROPY, TWO);
        assertThat(binary.posWeight()).as("w_bad / w_good = 4").isCloseTo(4.0, within(1e-12));
        assertThat(ClassWeights.NONE.apply(Objective.BINARY_CROSS_ENTROPY, TWO)).isEqualTo(Objective.BINARY_CROSS_ENTROPY);
        assertThatThrownBy(() -> ClassWeights.BALANCED.apply(Objective.MSE, TWO)).hasMessageContaining("cross-entropy");
    }
}
