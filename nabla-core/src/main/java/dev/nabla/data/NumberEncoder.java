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

    /** The middle value (the mean of the two middle ones for an even count), as numpy and scikit-learn take it. */
    private static float median(float[] values, int n) {
        if (n == 0) {
            return 0f;
        }
        float[] sorted = java.util.Arrays.copyOf(values, n);
        java.util.Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (float) (((double) sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }

    @Override
    public List<String> names() {
        return indicator ? List.of(column, column + MISSING_SUFFIX) : List.of(column);
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
