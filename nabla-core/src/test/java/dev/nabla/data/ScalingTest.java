package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ScalingTest {
    private static final Tensor X = Tensor.of(new float[][] {{1, 10, 5}, {3, 20, 5}, {5, 60, 5}});

    @Test
    void standardScalingGivesZeroMeanAndUnitVarianceOnTheFittedRows() {
        Scaling s = Scaling.fit(Scaling.Kind.STANDARD, X);
        Tensor y = s.apply(X);
        // column 0: mean 3, population sd √(8/3)
        assertThat(y.get(0, 0)).isCloseTo((1 - 3) / Math.sqrt(8.0 / 3), within(1e-6));
        assertThat(y.get(2, 0)).isCloseTo((5 - 3) / Math.sqrt(8.0 / 3), within(1e-6));
        // a constant column is shifted, not divided by zero
        assertThat(y.get(1, 2)).isZero();
    }

    @Test
    void minMaxScalingMapsTheFittedRowsOntoTheUnitInterval() {
        Tensor y = Scaling.fit(Scaling.Kind.MINMAX, X).apply(X);
        assertThat(y.get(0, 1)).isZero();
        assertThat(y.get(1, 1)).isCloseTo(0.2, within(1e-6));
        assertThat(y.get(2, 1)).isEqualTo(1.0);
    }

    @Test
    void invertUndoesApply() {
        Scaling s = Scaling.fit(Scaling.Kind.STANDARD, X);
        Tensor back = s.invert(s.apply(X));
        for (int i = 0; i < X.size(); i++) {
            assertThat(back.get(i)).isCloseTo(X.get(i), within(1e-5));
        }
    }

    @Test
    void noneIsTheIdentity() {
        assertThat(Scaling.fit(Scaling.Kind.NONE, X).apply(X).floats()).containsExactly(X.floats());
    }
}
