package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitTest {
    private static final int FAN_IN = 400;
    private static final int FAN_OUT = 300;

    private static Tensor draw(Init init, long seed) {
        Tensor w = Tensor.zeros(DType.F64, FAN_OUT, FAN_IN);
        init.fill(w, FAN_IN, FAN_OUT, new SplittableRandom(seed));
        return w;
    }

    private static double mean(Tensor w) {
        double s = 0;
        for (int i = 0; i < w.size(); i++) {
            s += w.get(i);
        }
        return s / w.size();
    }

    private static double variance(Tensor w) {
        double m = mean(w);
        double s = 0;
        for (int i = 0; i < w.size(); i++) {
            s += (w.get(i) - m) * (w.get(i) - m);
        }
        return s / (w.size() - 1);
    }

    private static double maxAbs(Tensor w) {
        double m = 0;
        for (int i = 0; i < w.size(); i++) {
            m = Math.max(m, Math.abs(w.get(i)));
        }
        return m;
    }

    @Test
    void uniformInitialisersRespectTheirBoundsAndVariance() {
        double xavier = Math.sqrt(6.0 / (FAN_IN + FAN_OUT));
        double he = Math.sqrt(6.0 / FAN_IN);
        Tensor x = draw(Init.XAVIER_UNIFORM, 1);
        Tensor h = draw(Init.HE_UNIFORM, 1);

        assertThat(maxAbs(x)).isLessThanOrEqualTo(xavier).isGreaterThan(0.99 * xavier);
        assertThat(maxAbs(h)).isLessThanOrEqualTo(he).isGreaterThan(0.99 * he);
        // Var U(−a, a) = a²/3: 2/(fan_in + fan_out) and 2/fan_in. 120,000 draws: relative error ≈ 0.3%.
        assertThat(variance(x)).isCloseTo(2.0 / (FAN_IN + FAN_OUT), within(0.02 * 2.0 / (FAN_IN + FAN_OUT)));
        assertThat(variance(h)).isCloseTo(2.0 / FAN_IN, within(0.02 * 2.0 / FAN_IN));
        assertThat(mean(x)).isCloseTo(0, within(0.01 * xavier));
    }

    @Test
    void normalInitialisersHaveTheirStandardDeviation() {
        Tensor x = draw(Init.XAVIER_NORMAL, 2);
        Tensor h = draw(Init.HE_NORMAL, 2);
        assertThat(Math.sqrt(variance(x))).isCloseTo(Math.sqrt(2.0 / (FAN_IN + FAN_OUT)),
                within(0.01 * Math.sqrt(2.0 / (FAN_IN + FAN_OUT))));
        assertThat(Math.sqrt(variance(h))).isCloseTo(Math.sqrt(2.0 / FAN_IN), within(0.01 * Math.sqrt(2.0 / FAN_IN)));
        assertThat(mean(h)).isCloseTo(0, within(0.01 * Math.sqrt(2.0 / FAN_IN)));
        // A Gaussian reaches beyond the uniform bound √3·σ now and then.
        assertThat(maxAbs(h)).isGreaterThan(Math.sqrt(3) * Math.sqrt(2.0 / FAN_IN));
    }

    @ParameterizedTest
    @EnumSource(Init.class)
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers(Init init) {
        assertThat(draw(init, 42).toDoubleArray()).isEqualTo(draw(init, 42).toDoubleArray());
        if (init == Init.ZEROS) {
            assertThat(draw(init, 42).toDoubleArray()).containsOnly(0.0);
        } else {
            assertThat(draw(init, 42).toDoubleArray()).isNotEqualTo(draw(init, 43).toDoubleArray());
        }
        assertThat(Init.fromId(init.name().toLowerCase(java.util.Locale.ROOT))).isEqualTo(init);
    }

    @Test
    void linearUsesItsInitialiserWithFanInAndFanOut() {
        Linear a = new Linear(50, 20, new SplittableRandom(9));
        Linear b = new Linear(50, 20, new SplittableRandom(9));
        assertThat(a.weight().data().toDoubleArray()).containsExactly(b.weight().data().toDoubleArray());
        assertThat(a.weight().data().shape()).containsExactly(20, 50);
        assertThat(maxAbs(a.weight().data())).isLessThanOrEqualTo(Math.sqrt(6.0 / 70));
        assertThat(a.bias().data().toDoubleArray()).containsOnly(0.0);
        assertThat(a.weight().data().dtype()).isEqualTo(DType.F32);
        assertThatThrownBy(() -> Init.fromId("lecun")).hasMessageContaining("'lecun'");
    }
}
