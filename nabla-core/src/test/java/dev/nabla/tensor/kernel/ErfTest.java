package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import dev.nabla.testing.Reference;
import org.junit.jupiter.api.Test;

/** erf and erfc against 40-digit values (mpmath, scripts/torch-reference.py). */
class ErfTest {

    @Test
    void erfIsWithinAFewUlpsOfTheTrueValueEverywhere() {
        for (JsonElement point : Reference.load("erf.json").getAsJsonArray()) {
            double x = Reference.field(point, "x").getAsDouble();
            double expected = Reference.field(point, "erf").getAsDouble();
            assertThat(relative(Erf.erf(x), expected)).as("erf(%s)", x).isLessThan(1.5e-15);
        }
    }

    @Test
    void erfcKeepsItsRelativePrecisionInTheTail() {
        for (JsonElement point : Reference.load("erf.json").getAsJsonArray()) {
            double x = Reference.field(point, "x").getAsDouble();
            double expected = Reference.field(point, "erfc").getAsDouble();
            // 1 − erf on [0.75, 2.5), where erfc ≥ 4e-4: the documented 2.5e-12.
            double tolerance = Math.abs(x) >= 0.75 && Math.abs(x) < 2.5 && x > 0 ? 2.5e-12 : 1.5e-15;
            assertThat(relative(Erf.erfc(x), expected)).as("erfc(%s) = %s", x, expected).isLessThan(tolerance);
        }
    }

    @Test
    void edgeValues() {
        assertThat(Erf.erf(0.0)).isEqualTo(0.0);
        assertThat(Erf.erf(-0.0)).isEqualTo(-0.0);
        assertThat(Erf.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Erf.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Erf.erf(Double.NaN)).isNaN();
        assertThat(Erf.erfc(Double.NaN)).isNaN();
        assertThat(Erf.erfc(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Erf.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
        assertThat(Erf.erfc(40)).isEqualTo(0.0);
        for (double x = -6; x <= 6; x += 0.01) {
            assertThat(Erf.erf(-x)).isEqualTo(-Erf.erf(x));
            assertThat(Erf.erf(x) + Erf.erfc(x)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(3e-16));
        }
    }

    private static double relative(double actual, double expected) {
        return expected == 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
    }
}
