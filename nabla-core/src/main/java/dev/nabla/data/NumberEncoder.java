package dev.nabla.data;

import java.util.List;
import java.util.Locale;

/**
 * A number column: x, or the training {@code fill} value when the cell is missing (not a number at prediction
 * time counts as missing too), followed by a 0/1 indicator column when the training rows had missing cells.
 *
 * @param column    the raw column's name
 * @param fill      the value of a missing cell (median, mean or zero of the training rows)
 * @param indicator whether a {@code <column>_missing} 0/1 column follows
 */
public record NumberEncoder(String column, float fill, boolean indicator) implements Encoder {
    /** The suffix of indicator columns. */
    public static final String MISSING_SUFFIX = "_missing";

    public NumberEncoder {
        if (!Float.isFinite(fill)) {
            throw new IllegalArgumentException("column '" + column + "': fill value " + fill + " is not finite");
        }
    }

    /** Fits the fill value on {@code rows} of {@code c}. */
    static NumberEncoder fit(Table.Column c, int[] rows, TableOptions.Impute impute) {
        float[] present = new float[rows.length];
        int n = 0;
        for (int i : rows) {
            float v = c.number(i);
            if (!Float.isNaN(v)) {
                present[n++] = v;
            }
        }
        float fill = switch (impute) {
            case ZERO -> 0f;
            case MEAN -> {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += present[k];
                }
                yield n == 0 ? 0f : (float) (sum / n);
            }
            case MEDIAN -> median(present, n);
        };
        return new NumberEncoder(c.name(), fill, n < rows.length);
    }

    /**
     * The middle value (the mean of the two middle ones for an even count), as numpy and scikit-learn take it; found
     * by selection in linear time, since a million-row column is not worth sorting.
     */
    static float median(float[] values, int n) {
        if (n == 0) {
            return 0f;
        }
        float upper = select(values, n, n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        return (float) (((double) select(values, n, n / 2 - 1) + upper) / 2);
    }

    /**
     * The k-th smallest of values[0, n) (no NaN), by radix selection on the floats' bits ordered as integers: a
     * histogram of the upper 16 bits finds the k-th's bucket, a histogram of the lower 16 bits within it the k-th.
     */
    static float select(float[] values, int n, int k) {
        int[] counts = new int[1 << 16];
        for (int i = 0; i < n; i++) {
            counts[ordered(values[i]) >>> 16]++;
        }
        int upper = 0;
        while (k >= counts[upper]) {
            k -= counts[upper++];
        }
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            int key = ordered(values[i]);
            if (key >>> 16 == upper) {
                counts[key & 0xFFFF]++;
            }
        }
        int lower = 0;
        while (k >= counts[lower]) {
            k -= counts[lower++];
        }
        int key = (upper << 16 | lower) ^ Integer.MIN_VALUE;
        return Float.intBitsToFloat(key ^ ((key >> 31) & Integer.MAX_VALUE));
    }

    /** The float's bits as an int whose unsigned order is the floats' order (−0 before +0). */
    private static int ordered(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (bits ^ ((bits >> 31) & Integer.MAX_VALUE)) ^ Integer.MIN_VALUE;
    }

    @Override
    public List<String> names() {
        return indicator ? List.of(column, column + MISSING_SUFFIX) : List.of(column);
    }

    @Override
    public int width() {
        return indicator ? 2 : 1;
    }

    @Override
    public boolean scaled(int k) {
        return k == 0;
    }

    @Override
    public void encode(Table.Column c, int i, float[] out, int offset) {
        float v = c.number(i);
        boolean missing = Float.isNaN(v);
        out[offset] = missing ? fill : v;
        if (indicator) {
            out[offset + 1] = missing ? 1f : 0f;
        }
    }

    @Override
    public void encodeColumn(Table.Column c, float[] out, int width, int offset) {
        for (int i = 0, n = c.rows(), o = offset; i < n; i++, o += width) {
            float v = c.number(i);
            boolean missing = Float.isNaN(v);
            out[o] = missing ? fill : v;
            if (indicator) {
                out[o + 1] = missing ? 1f : 0f;
            }
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s: number, missing → %s%s", column, fill, indicator ? " (+ indicator)" : "");
    }
}
