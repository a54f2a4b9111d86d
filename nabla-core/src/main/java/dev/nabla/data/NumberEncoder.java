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
     * by selection in linear time, since a million-row column is not worth sorting. {@code values} is reordered.
     */
    static float median(float[] values, int n) {
        if (n == 0) {
            return 0f;
        }
        float upper = select(values, n, n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        // After selecting k = n/2, every value left of it is ≤ it: the lower middle is their maximum.
        float lower = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n / 2; i++) {
            lower = Math.max(lower, values[i]);
        }
        return (float) (((double) lower + upper) / 2);
    }

    /** The k-th smallest of values[0, n) (Hoare's selection with a median-of-three pivot); partitions around it. */
    private static float select(float[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            float pivot = Math.max(Math.min(a[lo], a[mid]), Math.min(Math.max(a[lo], a[mid]), a[hi]));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
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
    public String describe() {
        return String.format(Locale.ROOT, "%s: number, missing → %s%s", column, fill, indicator ? " (+ indicator)" : "");
    }
}
