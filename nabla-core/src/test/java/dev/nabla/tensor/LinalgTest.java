package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LinalgTest {
    private static Tensor random(DType dtype, SplittableRandom rng, int r, int c) {
        Tensor t = Tensor.zeros(dtype, r, c);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, rng.nextDouble(-1, 1));
        }
        return t;
    }

    private static double at(Tensor t, boolean transposed, int i, int j) {
        return transposed ? t.get(j, i) : t.get(i, j);
    }

    // ---- matmul -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DType.class)
    void matmulMatchesTheTripleLoopForEveryTransposeAndOddSizes(DType dtype) {
        SplittableRandom rng = new SplittableRandom(5);
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {17, 9, 13}, {1, 8, 33}, {31, 1, 2}};
        double tol = dtype == DType.F32 ? 1e-5 : 1e-12;
        for (int[] s : sizes) {
            int m = s[0], k = s[1], n = s[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Tensor a = ta ? random(dtype, rng, k, m) : random(dtype, rng, m, k);
                    Tensor b = tb ? random(dtype, rng, n, k) : random(dtype, rng, k, n);
                    Tensor c = random(dtype, rng, m, n);
                    Tensor c0 = c.copy();
                    double alpha = 0.75;
                    double beta = -0.5;

                    Linalg.matmul(a, ta, b, tb, alpha, beta, c);

                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double dot = 0;
                            for (int p = 0; p < k; p++) {
                                dot += at(a, ta, i, p) * at(b, tb, p, j);
                            }
                            assertThat(c.get(i, j)).as("%dx%dx%d ta=%s tb=%s (%d,%d)", m, k, n, ta, tb, i, j)
                                    .isCloseTo(alpha * dot + beta * c0.get(i, j), within(tol * (k + 1)));
                        }
                    }
                }
            }
        }
    }

    @Test
    void matmulWithBetaZeroIgnoresWhatTheOutputHeld() {
        Tensor a = Tensor.of(DType.F64, new double[][] {{1, 2}, {3, 4}});
        Tensor c = Tensor.full(DType.F64, Double.NaN, 2, 2);
        Linalg.matmul(a, false, a, false, 1, 0, c);
        assertThat(c.toDoubleArray()).containsExactly(7, 10, 15, 22);
    }

    @Test
    void matmulShapeErrorsNameTheShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 5);
        assertThatThrownBy(() -> Linalg.matmul(a, false, b, false, 1, 0, Tensor.zeros(2, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Linalg.matmul(a, true, b, false, 1, 0, Tensor.zeros(3, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("[2, 3]ᵀ").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Linalg.matmul(a, false, Tensor.zeros(3, 4), false, 1, 0, Tensor.zeros(4, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("[2, 4]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Linalg.matmul(a, false, Tensor.zeros(DType.F64, 3, 4), false, 1, 0, Tensor.zeros(2, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("F32[2, 3]").hasMessageContaining("F64[3, 4]");
    }

    // ---- rows: bias, column sums, gather ------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DType.class)
    void addRowAndColumnSums(DType dtype) {
        Tensor x = Tensor.of(dtype, new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.of(10.0, 20, 30).to(dtype);
        Tensor out = Tensor.zeros(dtype, 2, 3);
        Linalg.addRow(x, b, out);
        assertThat(out.toDoubleArray()).containsExactly(11, 22, 33, 14, 25, 36);

        Tensor sums = Tensor.full(dtype, 100, 3);
        Linalg.columnSums(x, sums, false);
        assertThat(sums.toDoubleArray()).containsExactly(5, 7, 9);
        Linalg.columnSums(x, sums, true);
        assertThat(sums.toDoubleArray()).containsExactly(10, 14, 18);

        assertThatThrownBy(() -> Linalg.addRow(x, Tensor.zeros(dtype, 5), out)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[5]").hasMessageContaining("[2, 3]");
    }

    @Test
    void gatherRowsCopiesTheIndexedRows() {
        Tensor src = Tensor.of(DType.F64, new double[][] {{0, 0}, {1, 10}, {2, 20}, {3, 30}});
        Tensor dst = Tensor.zeros(DType.F64, 2, 2);
        Linalg.gatherRows(src, new int[] {9, 3, 1}, 1, dst);
        assertThat(dst.toDoubleArray()).containsExactly(3, 30, 1, 10);
        assertThatThrownBy(() -> Linalg.gatherRows(src, new int[] {0}, 0, dst)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[4, 2]").hasMessageContaining("[2, 2]");
    }

    // ---- softmax ------------------------------------------------------------------------------------

    @Provide
    Arbitrary<double[]> rows() {
        return Arbitraries.doubles().between(-50, 50).array(double[].class).ofMinSize(1).ofMaxSize(12);
    }

    private static Tensor row(DType dtype, double[] values) {
        return Tensor.of(values).reshape(1, values.length).to(dtype);
    }

    @Property
    void softmaxRowsArePositiveAndSumToOne(@ForAll("rows") double[] values) {
        for (DType dtype : DType.values()) {
            Tensor y = Tensor.zeros(dtype, 1, values.length);
            Linalg.softmax(row(dtype, values), y);
            double s = 0;
            for (int j = 0; j < values.length; j++) {
                assertThat(y.get(j)).isBetween(0.0, 1.0);
                s += y.get(j);
            }
            assertThat(s).isCloseTo(1, within(dtype == DType.F32 ? 1e-5 : 1e-12));
        }
    }

    @Property
    void softmaxIsInvariantUnderAddingAConstantToTheRow(@ForAll("rows") double[] values,
            @ForAll @DoubleRange(min = -1000, max = 1000) double shift) {
        double[] shifted = values.clone();
        for (int j = 0; j < shifted.length; j++) {
            shifted[j] += shift;
        }
        Tensor a = Tensor.zeros(DType.F64, 1, values.length);
        Tensor b = Tensor.zeros(DType.F64, 1, values.length);
        Linalg.softmax(row(DType.F64, values), a);
        Linalg.softmax(row(DType.F64, shifted), b);
        for (int j = 0; j < values.length; j++) {
            assertThat(b.get(j)).isCloseTo(a.get(j), within(1e-9));
        }
    }

    @Property
    void logSoftmaxIsTheLogOfSoftmax(@ForAll("rows") double[] values) {
        Tensor x = row(DType.F64, values);
        Tensor p = Tensor.zeros(DType.F64, 1, values.length);
        Tensor lp = Tensor.zeros(DType.F64, 1, values.length);
        Linalg.softmax(x, p);
        Linalg.logSoftmax(x, lp);
        for (int j = 0; j < values.length; j++) {
            if (p.get(j) > 1e-300) {
                assertThat(lp.get(j)).isCloseTo(Math.log(p.get(j)), within(1e-9));
            }
            assertThat(lp.get(j)).isLessThanOrEqualTo(1e-15);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxOfLargeLogitsIsFinite(DType dtype) {
        Tensor x = Tensor.of(dtype, new double[][] {{1000, 1001}, {1e4, 1e4}});
        Tensor y = Tensor.zeros(dtype, 2, 2);
        Tensor ly = Tensor.zeros(dtype, 2, 2);
        Linalg.softmax(x, y);
        Linalg.logSoftmax(x, ly);
        double e = Math.exp(-1);
        double tol = dtype == DType.F32 ? 1e-6 : 1e-12; // x − lse cancels two numbers near 1000
        assertThat(y.get(0, 0)).isCloseTo(e / (1 + e), within(tol));
        assertThat(y.get(0, 1)).isCloseTo(1 / (1 + e), within(tol));
        assertThat(y.row(1)).containsExactly(0.5, 0.5);
        assertThat(ly.get(0, 1)).isCloseTo(-Math.log1p(e), within(tol));
        assertThat(ly.get(1, 0)).isCloseTo(-Math.log(2), within(tol));
    }

    @Test
    void softmaxInPlaceGivesTheSameResult() {
        Tensor x = Tensor.of(DType.F64, new double[][] {{0.3, -2, 5}, {1, 1, 1}});
        Tensor y = Tensor.zeros(DType.F64, 2, 3);
        Linalg.softmax(x, y);
        Linalg.softmax(x, x);
        assertThat(x.toDoubleArray()).containsExactly(y.toDoubleArray());
    }

    @Test
    void softmaxAndLogSoftmaxBackwardMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(9);
        Tensor x = random(DType.F64, rng, 3, 4);
        Tensor dy = random(DType.F64, rng, 3, 4);
        Tensor y = Tensor.zeros(DType.F64, 3, 4);
        Tensor ly = Tensor.zeros(DType.F64, 3, 4);
        Linalg.softmax(x, y);
        Linalg.logSoftmax(x, ly);
        Tensor dx = Tensor.full(DType.F64, 1, 3, 4);
        Tensor dlx = Tensor.zeros(DType.F64, 3, 4);
        Linalg.softmaxBackward(y, dy, dx, true);
        Linalg.logSoftmaxBackward(ly, dy, dlx, false);

        double h = 1e-6;
        for (int i = 0; i < x.size(); i++) {
            double orig = x.get(i);
            x.set(i, orig + h);
            double sPlus = weighted(x, dy, false);
            double lPlus = weighted(x, dy, true);
            x.set(i, orig - h);
            double sMinus = weighted(x, dy, false);
            double lMinus = weighted(x, dy, true);
            x.set(i, orig);
            assertThat(dx.get(i)).as("accumulated onto 1").isCloseTo(1 + (sPlus - sMinus) / (2 * h), within(1e-8));
            assertThat(dlx.get(i)).isCloseTo((lPlus - lMinus) / (2 * h), within(1e-8));
        }
    }

    private static double weighted(Tensor x, Tensor w, boolean log) {
        Tensor y = Tensor.zeros(DType.F64, x.rows(), x.cols());
        if (log) {
            Linalg.logSoftmax(x, y);
        } else {
            Linalg.softmax(x, y);
        }
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            s += y.get(i) * w.get(i);
        }
        return s;
    }

    // ---- fused losses -------------------------------------------------------------------------------

    @Test
    void fusedLossesWriteTheProbabilities() {
        Tensor z = Tensor.of(DType.F64, new double[][] {{0, Math.log(3)}});
        Tensor probs = Tensor.zeros(DType.F64, 1, 2);
        double ce = Linalg.softmaxCrossEntropy(z, new int[] {1}, probs);
        assertThat(ce).isCloseTo(-Math.log(0.75), within(1e-15));
        assertThat(probs.get(0)).isCloseTo(0.25, within(1e-15));

        Tensor zb = Tensor.of(0.0, 2.0, -1000.0);
        Tensor yb = Tensor.of(1.0, 0.0, 0.0);
        Tensor pb = Tensor.zeros(DType.F64, 3);
        double bce = Linalg.binaryCrossEntropy(zb, yb, pb);
        assertThat(bce).isCloseTo(Math.log(2) + Math.log1p(Math.exp(2)), within(1e-12));
        assertThat(pb.get(0)).isEqualTo(0.5);
        assertThat(pb.get(2)).isGreaterThanOrEqualTo(0).isLessThan(1e-300);
    }

    @Test
    void matmulRefusesAnOutputThatSharesStorageWithAnOperand() {
        Tensor a = Tensor.zeros(DType.F32, 3, 3);
        Tensor b = Tensor.zeros(DType.F32, 3, 3);
        assertThatThrownBy(() -> Linalg.matmul(a, false, b, false, 1, 0, a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shares storage");
        assertThatThrownBy(() -> Linalg.matmul(a, false, b, false, 1, 0, b.reshape(3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 3]");
    }
}
