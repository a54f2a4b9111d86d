package dev.nabla.data;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a raw table becomes a network's inputs; every field has a default ({@link #defaults()}).
 *
 * @param missing      cell texts read as missing, compared case-insensitively
 * @param delimiter    the field delimiter, or null to tell it from the header line
 * @param categorical  columns to read as categories whatever they hold
 * @param numeric      columns to read as numbers (a text cell is then an error)
 * @param ignore       columns to leave out
 * @param impute       how a missing number is filled
 * @param maxOneHot    a category with at most this many levels (with "other" and "missing") is one-hot encoded;
 *                     with more it is a learned embedding
 * @param minLevelRows a level seen in fewer training rows than this folds into "other"
 * @param task         the target's task, or null to tell it from the values
 */
public record TableOptions(List<String> missing, Character delimiter, Set<String> categorical, Set<String> numeric,
                           Set<String> ignore, Impute impute, int maxOneHot, int minLevelRows, Task task) {

    /** How a missing number is filled, from the training rows. */
    public enum Impute {
        MEDIAN, MEAN, ZERO;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Impute fromId(String id) {
            for (Impute i : values()) {
                if (i.id().equalsIgnoreCase(id)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("unknown imputation '" + id + "'; expected median, mean or zero");
        }
    }

    public static final int DEFAULT_MAX_ONEHOT = 32;
    public static final int DEFAULT_MIN_LEVEL_ROWS = 3;

    public TableOptions {
        missing = List.copyOf(missing);
        categorical = Set.copyOf(categorical);
        numeric = Set.copyOf(numeric);
        ignore = Set.copyOf(ignore);
        if (maxOneHot < 2) {
            throw new IllegalArgumentException("max one-hot levels must be at least 2, got " + maxOneHot);
        }
        if (minLevelRows < 1) {
            throw new IllegalArgumentException("rows per level must be at least 1, got " + minLevelRows);
        }
        for (String c : categorical) {
            if (numeric.contains(c) || ignore.contains(c)) {
                throw new IllegalArgumentException("column '" + c + "' is given two kinds");
            }
        }
        for (String c : numeric) {
            if (ignore.contains(c)) {
                throw new IllegalArgumentException("column '" + c + "' is given two kinds");
            }
        }
    }

    public static TableOptions defaults() {
        return new TableOptions(TableReader.DEFAULT_MISSING, null, Set.of(), Set.of(), Set.of(), Impute.MEDIAN,
                DEFAULT_MAX_ONEHOT, DEFAULT_MIN_LEVEL_ROWS, null);
    }

    public TableOptions withTask(Task value) {
        return new TableOptions(missing, delimiter, categorical, numeric, ignore, impute, maxOneHot, minLevelRows, value);
    }

    /** The reader these options ask for. */
    public TableReader reader() {
        return new TableReader(missing, delimiter);
    }
}
