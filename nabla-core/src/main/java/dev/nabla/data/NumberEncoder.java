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
        return fit(ColumnProfile.of(c, rows, 2), impute, impute == TableOptions.Impute.MEDIAN ? median(c, rows) : 0f);
    }

    /** The encoder of a column with this profile, its missing cells filled as {@code impute} says. */
    static NumberEncoder fit(ColumnProfile c, TableOptions.Impute impute, float median) {
        float fill = switch (impute) {
            case ZERO -> 0f;
            case MEAN -> c.mean();
            case MEDIAN -> median;
        };
        return new NumberEncoder(c.name(), fill, c.missing() + c.texts() > 0);
    }

    /** The median of the numbers of {@code rows} of {@code c} (0 without numbers). */
    static float median(Table.Column c, int[] rows) {
        float[] present = new float[rows.length];
        return RadixSelect.median(present, MedianSearch.numbers(c, rows, present));
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
    public Rows rows(Table.Column c) {
        return (out, width, offset, from, to) -> {
            for (int i = from, o = from * width + offset; i < to; i++, o += width) {
                put(c.number(i), out, o);
            }
        };
    }

    /** Writes x — the fill value when x is NaN (missing), then the indicator when there is one — into out[offset …]. */
    void put(float x, float[] out, int offset) {
        boolean missing = Float.isNaN(x);
        out[offset] = missing ? fill : x;
        if (indicator) {
            out[offset + 1] = missing ? 1f : 0f;
        }
    }

    /** Why a text cell is refused in a number column. */
    static String notANumber(String text) {
        return "'" + TableReader.shorten(text) + "' is not a number, and the model reads this column as numbers";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s: number, missing → %s%s", column, fill, indicator ? " (+ indicator)" : "");
    }
}
