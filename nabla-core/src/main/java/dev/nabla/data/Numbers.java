package dev.nabla.data;

import dev.nabla.tensor.Simd;

/**
 * The one grammar of numbers in data files, as most tables write them and nothing else:
 * {@code [+|-] (digits [. [digits]] | . digits) [(e|E) [+|-] digits]}, with surrounding blanks ignored. Java's own
 * syntax ({@code 2d}, {@code 1.5f}, {@code 0x1.8p1}, {@code Infinity}) and thousands separators are not numbers
 * here. Values are rounded to the nearest double, exactly as {@link Double#parseDouble} rounds them.
 */
public final class Numbers {
    /** Powers of ten that doubles hold exactly: a mantissa below 2⁵³ times one of these rounds correctly (Clinger). */
    static final double[] EXACT_POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Cells this long or shorter are tried with {@link #plain} first: at most 18 digits, so no long overflows. */
    private static final int PLAIN_CHARS = 18;
    /** Whether cells of up to {@link NumberLanes#LANES} chars are read in vector lanes ({@link NumberLanes}). */
    private static final boolean LANES = Simd.enabled() && NumberLanes.suitable();

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
     * 8 chars after the sign are read at once ({@link NumberLanes}) where the array holds that many.
     */
    private static double plain(char[] buf, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = length > 0 && buf[i] == '-';
        if (negative) {
            i++;
        }
        if (LANES && end - i <= NumberLanes.LANES && i + NumberLanes.LANES <= buf.length) {
            double value = NumberLanes.read(buf, i, end - i);
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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
