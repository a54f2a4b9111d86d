package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decides what a target column holds: class names (any non-numeric cell, or at most
 * {@value #MAX_INTEGER_CLASSES} distinct integers) or numbers (anything else).
 */
final class Targets {
    /** More distinct integer values than this make a numeric target (e.g. diabetes progression) a regression. */
    static final int MAX_INTEGER_CLASSES = 20;

    private final int[] labels;
    private final List<String> classNames;
    private final float[] values;

    private Targets(int[] labels, List<String> classNames, float[] values) {
        this.labels = labels;
        this.classNames = classNames;
        this.values = values;
    }

    /** The target in {@code column}, read as {@code task} asks (null: as its values suggest). */
    static Targets of(Csv.Table table, int column, Task task) {
        int n = table.rows();
        boolean numeric = true;
        boolean integers = true;
        TreeSet<String> distinct = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            String cell = table.cell(i, column);
            if (cell.isEmpty()) {
                throw table.cellError(i, column, "missing target value");
            }
            distinct.add(cell);
            if (numeric) {
                try {
                    double v = Double.parseDouble(cell);
                    if (!Double.isFinite(v)) {
                        throw table.cellError(i, column, "'" + cell + "' is not a finite number");
                    }
                    integers &= v == Math.rint(v);
                } catch (NumberFormatException e) {
                    numeric = false;
                }
            }
        }
        boolean regression = task == null ? numeric && !(integers && distinct.size() <= MAX_INTEGER_CLASSES)
                : task == Task.REGRESSION;
        if (regression) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = table.number(i, column);
            }
            return new Targets(null, null, values);
        }
        List<String> names = new ArrayList<>(distinct);
        numeric &= integers;
        if (numeric) {
            names.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
            names.replaceAll(Targets::canonicalInteger);
            names = new ArrayList<>(new java.util.LinkedHashSet<>(names));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            index.put(names.get(k), k);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            String cell = table.cell(i, column);
            labels[i] = index.get(numeric ? canonicalInteger(cell) : cell);
        }
        return new Targets(labels, names, null);
    }

    /** "1.0", "01" and "1" name the same class. */
    private static String canonicalInteger(String cell) {
        return Long.toString((long) Double.parseDouble(cell));
    }

    Dataset toDataset(String name, Tensor features, List<String> featureNames, String targetName) {
        return labels != null
                ? Dataset.classification(name, features, featureNames, targetName, labels, classNames)
                : Dataset.regression(name, features, featureNames, targetName, values);
    }
}
