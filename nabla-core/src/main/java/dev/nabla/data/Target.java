package dev.nabla.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A table's target column read as what it holds: class labels (any text, or at most
 * {@value #MAX_INTEGER_CLASSES} distinct integers) or numbers — or as {@code task} says. Rows whose target is
 * missing are left out (and counted).
 *
 * @param name       the column's name
 * @param rows       the table rows that have a target, in order
 * @param labels     class labels of those rows, or null for numbers
 * @param classNames class names (index = label); empty for numbers
 * @param values     numeric targets of those rows, or null for classes
 * @param dropped    rows left out because their target is missing
 */
public record Target(String name, int[] rows, int[] labels, List<String> classNames, float[] values, int dropped) {
    /** More distinct integer values than this make a numeric target (e.g. diabetes progression) a regression. */
    public static final int MAX_INTEGER_CLASSES = 20;

    /** The target in the column called {@code name} (null: the last column). */
    public static Target of(Table table, String name, Task task) {
        String column = name != null ? name : table.names().get(table.names().size() - 1);
        Table.Column c = table.column(column);
        if (c == null) {
            throw new DataException(table.source() + ": no column '" + column + "'; the columns are "
                    + Table.abbreviate(table.names()));
        }
        int[] rows = table.present(c);
        if (rows.length == 0) {
            throw new DataException(table.source() + ": target column '" + column + "' is missing in every row");
        }
        boolean text = false;
        boolean integers = true;
        // Numbers are told apart by their level, so that integers float32 cannot hold exactly stay distinct.
        java.util.HashSet<String> distinctNumbers = new java.util.HashSet<>();
        boolean[] seenCodes = new boolean[c.distinctTexts()];
        for (int i : rows) {
            int code = c.code(i);
            if (code >= 0) {
                text = true;
                seenCodes[code] = true;
            } else {
                float v = c.number(i);
                integers &= v == Math.rint(v);
                if (distinctNumbers.size() <= MAX_INTEGER_CLASSES) {
                    distinctNumbers.add(c.level(i));
                }
            }
        }
        boolean regression = task == null ? !text && !(integers && distinctNumbers.size() <= MAX_INTEGER_CLASSES)
                : task == Task.REGRESSION;
        int dropped = table.rows() - rows.length;
        if (regression) {
            float[] values = new float[rows.length];
            for (int k = 0; k < rows.length; k++) {
                if (c.isText(rows[k])) {
                    throw table.cellError(rows[k], column, "'" + TableReader.shorten(c.level(rows[k]))
                            + "' is not a number, and the target is a regression");
                }
                values[k] = c.number(rows[k]);
            }
            return new Target(column, rows, null, List.of(), values, dropped);
        }
        java.util.Set<String> levels = new java.util.HashSet<>();
        for (int k = 0; k < seenCodes.length; k++) {
            if (seenCodes[k]) {
                levels.add(c.texts().get(k));
            }
        }
        for (int i : rows) {
            if (c.code(i) < 0) {
                levels.add(c.level(i));
            }
        }
        List<String> names = classNames(levels, text);
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            index.put(names.get(k), k);
        }
        int[] byCode = new int[seenCodes.length];
        for (int k = 0; k < byCode.length; k++) {
            Integer at = seenCodes[k] ? index.get(c.texts().get(k)) : null;
            byCode[k] = at == null ? -1 : at;
        }
        int[] labels = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int code = c.code(rows[k]);
            labels[k] = code >= 0 ? byCode[code] : index.get(c.level(rows[k]));
        }
        return new Target(column, rows, labels, names, null, dropped);
    }

    /**
     * The class names of a target's distinct levels (index = label): sorted as text when any cell is a text, else
     * in numeric order, named as integers ("1.0" and "1" are one class).
     */
    public static List<String> classNames(java.util.Collection<String> levels, boolean text) {
        Comparator<String> numeric = Comparator.comparing(java.math.BigDecimal::new);
        TreeSet<String> all = new TreeSet<>(text ? Comparator.naturalOrder()
                : numeric.thenComparing(Comparator.naturalOrder()));
        all.addAll(levels);
        return new ArrayList<>(all);
    }

    /** The task: two classes are binary, more are multi-class, numbers are regression. */
    public Task task() {
        return labels == null ? Task.REGRESSION : classNames.size() == 2 ? Task.BINARY : Task.MULTICLASS;
    }

    /** The target of the rows at {@code positions} (indices into {@link #rows}). */
    Target subset(int[] positions) {
        int[] r = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            r[k] = rows[positions[k]];
        }
        if (labels != null) {
            int[] l = new int[positions.length];
            for (int k = 0; k < positions.length; k++) {
                l[k] = labels[positions[k]];
            }
            return new Target(name, r, l, classNames, null, 0);
        }
        float[] v = new float[positions.length];
        for (int k = 0; k < positions.length; k++) {
            v[k] = values[positions[k]];
        }
        return new Target(name, r, null, classNames, v, 0);
    }

    /** The same target with {@code rows} numbered 0, 1, … (after the table was cut to these rows). */
    Target renumbered() {
        int[] r = new int[rows.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i;
        }
        return new Target(name, r, labels, classNames, values, dropped);
    }

    /** A dataset of {@code features} (one row per target row) with this target. */
    public Dataset toDataset(String dataset, dev.nabla.tensor.Tensor features, List<String> featureNames) {
        return labels != null
                ? Dataset.classification(dataset, features, featureNames, name, labels, classNames)
                : Dataset.regression(dataset, features, featureNames, name, values);
    }

    @Override
    public String toString() {
        return name + " (" + (labels == null ? "numbers" : classNames.size() + " classes") + ", " + rows.length
                + " rows" + (dropped > 0 ? ", " + dropped + " without a target left out" : "") + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && name.equals(t.name) && Arrays.equals(rows, t.rows)
                && Arrays.equals(labels, t.labels) && classNames.equals(t.classNames) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(rows);
    }
}
