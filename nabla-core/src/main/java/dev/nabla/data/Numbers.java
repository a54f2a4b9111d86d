package dev.nabla.data;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one grammar of numbers in data files, as most tables write them and nothing else:
 * {@code [+|-] (digits [. [digits]] | . digits) [(e|E) [+|-] digits]}, with surrounding blanks ignored. Java's own
 * syntax ({@code 2d}, {@code 1.5f}, {@code 0x1.8p1}, {@code Infinity}) and thousands separators are not numbers
 * here. Values are rounded to the nearest double, exactly as {@link Double#parseDouble} rounds them.
 */
public final class Numbers {
    /** Powers of ten that doubles hold exactly: a mantissa below 2⁵³ times one of these rounds correctly (Clinger). */
    private static final double[] EXACT_POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Cells this long or shorter are tried with {@link #plain} first: at most 18 digits, so no long overflows. */
    private static final int PLAIN_CHARS = 18;
    /** Chars of a cell read at once by {@link #lanes}: 8 digits make at most 99,999,999, which an int holds. */
    private static final int LANES = 8;
    private static final VectorSpecies<Short> CHARS = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    /**
     * For a cell of n chars with its dot at lane k (k = {@link #LANES} without a dot), at {@code (n·9 + k)·8}: each
     * lane's power of ten in the number the digits make without the dot; 0 for the dot and beyond the cell.
     */
    private static final int[] WEIGHTS = new int[(LANES + 1) * (LANES + 1) * LANES];

    static {
        for (int n = 1; n <= LANES; n++) {
            for (int dot = 0; dot <= LANES; dot++) {
                int power = 1;
                for (int lane = n - 1; lane >= 0; lane--) {
                    if (lane != dot) {
                        WEIGHTS[(n * (LANES + 1) + dot) * LANES + lane] = power;
                        power *= 10;
                    }
                }
            }
        }
    }

    private Numbers() {
    }

    /** The value of {@code cell}, or NaN when the text is not a number of this grammar. */
    public static double parse(CharSequence cell) {
        char[] chars = cell.toString().toCharArray();
        return parse(chars, 0, chars.length);
    }

    /** The value of {@code buf[offset, offset + length)}, or NaN when the text is not a number of this grammar. */
    public static double parse(char[] buf, int offset, int length) {
        if (length <= PLAIN_CHARS) {
            double v = plain(buf, offset, length);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return grammar(buf, offset, length);
    }

    /** {@link #parse(char[], int, int)} by the whole grammar, char by char. */
    private static double grammar(char[] buf, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && buf[start] <= ' ') {
            start++;
        }
        while (end > start && buf[end - 1] <= ' ') {
            end--;
        }
        if (start == end) {
            return Double.NaN;
        }
        int i = start;
        boolean negative = false;
        char c = buf[i];
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        int digits = 0;
        boolean truncated = false;
        for (; i < end && isDigit(buf[i]); i++, digits++) {
            int d = buf[i] - '0';
            if (significant < 18) {
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                scale++;
                truncated |= d != 0;
            }
        }
        if (i < end && buf[i] == '.') {
            i++;
            for (; i < end && isDigit(buf[i]); i++, digits++) {
                int d = buf[i] - '0';
                if (significant < 18) {
                    mantissa = mantissa * 10 + d;
                    scale--;
                    if (mantissa != 0) {
                        significant++;
                    }
                } else {
                    truncated |= d != 0;
                }
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (buf[i] == '+' || buf[i] == '-')) {
                negativeExponent = buf[i] == '-';
                i++;
            }
            int exponent = 0;
            int exponentDigits = 0;
            for (; i < end && isDigit(buf[i]); i++, exponentDigits++) {
                exponent = Math.min(exponent * 10 + (buf[i] - '0'), 100_000);
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (i != end) {
            return Double.NaN;
        }
        if (!truncated && mantissa < (1L << 53) && scale >= -22 && scale <= 22) {
            double value = scale >= 0 ? mantissa * EXACT_POWERS[scale] : mantissa / EXACT_POWERS[-scale];
            return negative ? -value : value;
        }
        // Long or extreme numbers: the JDK rounds them correctly (sign included); the grammar was checked above.
        return Double.parseDouble(new String(buf, start, end - start));
    }

    /**
     * Most cells of a data file in one pass: {@code [-] digits [. digits]} of at most {@link #PLAIN_CHARS} characters,
     * without blanks or exponent, whose digits make an integer below 2⁵³ (then x = m / 10ᵏ rounds correctly, as
     * in {@link #parse(char[], int, int)}); NaN for anything else, which the full grammar then reads. Up to
     * {@link #LANES} chars after the sign are read at once ({@link #lanes}) where the array holds that many.
     */
    private static double plain(char[] buf, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = length > 0 && buf[i] == '-';
        if (negative) {
            i++;
        }
        if (end - i <= LANES && i + LANES <= buf.length) {
            double value = lanes(buf, i, end - i);
            return negative ? -value : value;
        }
        int digitsFrom = i;
        int dot = -1;
        long mantissa = 0;
        for (; i < end; i++) {
            char c = buf[i];
            if (isDigit(c)) {
                mantissa = mantissa * 10 + (c - '0');
            } else if (c == '.' && dot < 0) {
                dot = i;
            } else {
                return Double.NaN;
            }
        }
        int digits = end - digitsFrom - (dot < 0 ? 0 : 1);
        if (digits == 0 || mantissa >= 1L << 53) {
            return Double.NaN;
        }
        double value = dot < 0 ? mantissa : mantissa / EXACT_POWERS[end - dot - 1];
        return negative ? -value : value;
    }

    /**
     * {@code digits [. digits]} of at most {@link #LANES} chars in a few vector operations instead of a branch per char
     * (a file's numbers vary in length, and every varying branch is mispredicted): m = Σ dᵢ·wᵢ, the weights wᵢ the
     * powers of ten of each lane for that length and dot; NaN for anything else. {@code buf} holds 8 chars from
     * {@code from}; those beyond the cell are ignored.
     */
    private static double lanes(char[] buf, int from, int n) {
        ShortVector chars = ShortVector.fromCharArray(CHARS, buf, from);
        long inCell = (1L << n) - 1;
        long digits = chars.compare(VectorOperators.GE, (short) '0').and(chars.compare(VectorOperators.LE, (short) '9'))
                .toLong();
        long dot = chars.compare(VectorOperators.EQ, (short) '.').toLong() & inCell;
        if (n == 0 || ((digits | dot) & inCell) != inCell || (dot & dot - 1) != 0 || dot == inCell) {
            return Double.NaN;
        }
        int at = dot == 0 ? LANES : Long.numberOfTrailingZeros(dot);
        IntVector values = (IntVector) chars.sub((short) '0').convertShape(VectorOperators.S2I, INTS, 0);
        int mantissa = values.mul(IntVector.fromArray(INTS, WEIGHTS, (n * (LANES + 1) + at) * LANES))
                .reduceLanes(VectorOperators.ADD);
        return mantissa / EXACT_POWERS[dot == 0 ? 0 : n - 1 - at];
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
