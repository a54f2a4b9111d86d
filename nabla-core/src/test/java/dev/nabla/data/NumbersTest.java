package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

/** The number grammar rounds as Double.parseDouble does, on the fast path and on the long one alike. */
class NumbersTest {

    /** Negative numbers with more digits than a long holds took the JDK's path and lost their sign. */
    @Test
    void longNegativeNumbersKeepTheirSign() {
        assertThat(Numbers.parse("-0.11119277775287628")).isEqualTo(-0.11119277775287628);
        assertThat(Numbers.parse("-1.9828076362609863")).isEqualTo(-1.9828076362609863);
        assertThat(Numbers.parse("-1e300")).isEqualTo(-1e300);
        assertThat(Numbers.parse("+12345678901234567890")).isEqualTo(12345678901234567890.0);
    }

    @Property(tries = 2000, shrinking = ShrinkingMode.OFF)
    void everyDoubleReadsBackAsItself(@ForAll double v) {
        if (Double.isFinite(v)) {
            assertThat(Numbers.parse(Double.toString(v))).isEqualTo(v);
        }
        if (Float.isFinite((float) v)) {
            String f = Float.toString((float) v);
            assertThat(Numbers.parse(f)).isEqualTo(Double.parseDouble(f));
        }
    }
}
