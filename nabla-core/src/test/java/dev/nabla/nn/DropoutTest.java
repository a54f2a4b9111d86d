package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static final int ROWS = 200;
    private static final int COLS = 500;

    private static Tensor ones(DType dtype) {
        return Tensor.full(dtype, 1, ROWS, COLS);
    }

    @Test
    void trainingKeepsOneMinusPOfTheElementsScaledByItsInverse() {
        Dropout d = new Dropout(0.3, 11);
        Tensor y = d.forward(Variable.constant(ones(DType.F32))).data();
        long kept = 0;
        for (int i = 0; i < y.size(); i++) {
            assertThat(y.get(i)).isIn(0.0, (double) (float) (1 / 0.7));
            kept += y.get(i) != 0 ? 1 : 0;
        }
        // 100,000 Bernoulli(0.7) draws: standard deviation of the kept share 0.0014.
        assertThat((double) kept / y.size()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(0.007));
        assertThat(d.position()).isEqualTo(1);
    }

    @Test
    void theMaskIsAFunctionOfSeedAndStepAlone() {
        Dropout a = new Dropout(0.5, 3);
        Dropout b = new Dropout(0.5, 3);
        Tensor first = a.forward(Variable.constant(ones(DType.F32))).data().copy();
        Tensor second = a.forward(Variable.constant(ones(DType.F32))).data().copy();
        assertThat(second.floats()).isNotEqualTo(first.floats());
        b.seek(1);
        assertThat(b.forward(Variable.constant(ones(DType.F32))).data().floats()).containsExactly(second.floats());
        Tensor f64 = new Dropout(0.5, 3).forward(Variable.constant(ones(DType.F64))).data();
        for (int i = 0; i < first.size(); i++) {
            assertThat(f64.get(i) != 0).as("same elements kept in float64").isEqualTo(first.get(i) != 0);
        }
        Tensor otherSeed = new Dropout(0.5, 4).forward(Variable.constant(ones(DType.F32))).data();
        assertThat(otherSeed.floats()).isNotEqualTo(first.floats());
        // Neighbouring elements, which share one 64-bit draw, are independent: both kept ≈ 1/4 of the pairs.
        int both = 0;
        for (int i = 0; i + 1 < first.size(); i += 2) {
            both += first.get(i) != 0 && first.get(i + 1) != 0 ? 1 : 0;
        }
        assertThat(both / (first.size() / 2.0)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void rowsOfALargerBatchDrawThatBatchsMaskForThemAndSkipMovesOnAsAForward() {
        for (DType dtype : DType.values()) {
            Tensor whole = new Dropout(0.4, 9).forward(Variable.constant(ones(dtype))).data().copy();
            int[] rows = {3, 17, 18, 199};
            Dropout share = new Dropout(0.4, 9);
            share.rows(rows);
            Tensor part = share.forward(Variable.constant(Tensor.full(dtype, 1, rows.length, COLS))).data();
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < COLS; j++) {
                    assertThat(part.get(i * COLS + j)).as("row %d, column %d", rows[i], j)
                            .isEqualTo(whole.get(rows[i] * COLS + j));
                }
            }
            // Sequential's fused batch norm draws its masks through the same rows.
            Dropout fused = new Dropout(0.4, 9);
            fused.rows(rows);
            Tensor mask = fused.nextMask(Tensor.zeros(dtype, rows.length, COLS));
            for (int i = 0; i < mask.size(); i++) {
                assertThat(mask.get(i)).isEqualTo(part.get(i));
            }
        }
        Dropout d = new Dropout(0.4, 9);
        d.skip();
        assertThat(d.position()).isEqualTo(1);
        d.eval();
        d.skip();
        assertThat(d.position()).as("no draw in evaluation").isEqualTo(1);
        Dropout none = new Dropout(0, 9);
        none.skip();
        assertThat(none.position()).as("rate 0 draws nothing").isZero();
    }

    @Test
    void evaluationAndRateZeroAreTheIdentityAndTheGradientIsMasked() {
        Dropout d = new Dropout(0.4, 1);
        Variable x = Variable.constant(ones(DType.F32));
        d.eval();
        assertThat(d.forward(x)).isSameAs(x);
        assertThat(d.position()).isZero();
        assertThat(new Dropout(0, 1).forward(x)).isSameAs(x);

        d.train(true);
        Variable w = Variable.parameter(Tensor.of(DType.F64, new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}));
        Variable y = d.forward(w);
        y.sum().backward();
        for (int i = 0; i < 8; i++) {
            assertThat(w.grad().get(i)).isEqualTo(y.data().get(i) / w.data().get(i));
        }
        assertThat(d.spec()).isEqualTo(new DropoutSpec(0.4));
        assertThatThrownBy(() -> new Dropout(1, 1)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> d.seek(-1)).hasMessageContaining("-1");
    }

    @Test
    void aDropoutLayerIsNotInTheStateDict() {
        Sequential net = new Sequential(new Linear(2, 2, new java.util.SplittableRandom(0)), new Dropout(0.5, 0));
        assertThat(net.stateDict().keySet()).containsExactly("0.weight", "0.bias");
        assertThat(Arrays.asList(net.spec().layers().get(1).type())).containsExactly("dropout");
    }
}
