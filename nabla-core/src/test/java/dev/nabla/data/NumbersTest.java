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

    /** Plain decimals as tables write them (the one-pass path): rounded as the JDK rounds them. */
    @Property(tries = 3000, shrinking = ShrinkingMode.OFF)
    void plainDecimalsRoundAsTheJdkDoes(@ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        StringBuilder s = new StringBuilder(r.nextBoolean() ? "-" : "");
        int whole = r.nextInt(10);
        int fraction = r.nextInt(10);
        for (int k = 0; k < whole; k++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        if (fraction > 0 || r.nextBoolean()) {
            s.append('.');
        }
        for (int k = 0; k < fraction; k++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        String text = s.toString();
        boolean isNumber = text.chars().anyMatch(Character::isDigit);
        if (isNumber) {
            assertThat(Numbers.parse(text)).as(text).isEqualTo(Double.parseDouble(text));
        } else {
            assertThat(Numbers.parse(text)).as(text).isNaN();
        }
    }

    /**
     * A cell inside a longer buffer (as a CSV reader's is) takes the eight-chars-at-once path: it reads as the same
     * text alone does — which takes the char-by-char path — and as the JDK reads it, whatever chars surround it.
     */
    @Property(tries = 5000, shrinking = ShrinkingMode.OFF)
    void aCellAmongOtherCharsReadsAsItselfAlone(@ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        char[] alphabet = {'0', '1', '5', '9', '.', '-', '+', 'e', ' ', '/', ':', '\u0660', '\u8030', '\u0130', 'x',
                '\u00B9', '\uFF10'};
        StringBuilder cell = new StringBuilder();
        for (int k = r.nextInt(10); k > 0; k--) {
            // Mostly digits and one dot, as numbers are written; now and then anything else.
            cell.append(r.nextInt(4) > 0 ? (char) ('0' + r.nextInt(10)) : alphabet[r.nextInt(alphabet.length)]);
        }
        String text = cell.toString();
        char[] buf = new char[text.length() + 20];
        for (int k = 0; k < buf.length; k++) {
            buf[k] = alphabet[r.nextInt(alphabet.length)];
        }
        int at = r.nextInt(5);
        text.getChars(0, text.length(), buf, at);
        double alone = Numbers.parse(text);
        assertThat(Double.valueOf(Numbers.parse(buf, at, text.length()))).as("'%s'", text)
                .isEqualTo(Double.valueOf(alone));
        if (text.matches("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)")) {
            assertThat(alone).as("'%s'", text).isEqualTo(Double.parseDouble(text));
        } else if (!Double.isNaN(alone)) {
            assertThat(text.strip()).as("'%s'", text).matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
        }
    }

    @Test
    void thePlainPathLeavesOtherFormsToTheFullGrammar() {
        assertThat(Numbers.parse("1.2.3")).isNaN();
        assertThat(Numbers.parse("-")).isNaN();
        assertThat(Numbers.parse(".")).isNaN();
        assertThat(Numbers.parse("--1")).isNaN();
        assertThat(Numbers.parse(" 7 ")).isEqualTo(7.0);
        assertThat(Numbers.parse("+7")).isEqualTo(7.0);
        assertThat(Numbers.parse("9007199254740993")).isEqualTo(9007199254740993.0);
        assertThat(Numbers.parse("-0")).isEqualTo(-0.0);
        assertThat(Numbers.parse("5.")).isEqualTo(5.0);
        assertThat(Numbers.parse(".25")).isEqualTo(0.25);
    }
}
