package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory table: features X [rows, features] (float32) and one target column, either class labels
 * 0…K−1 with their names or numbers.
 */
public final class Dataset {
    private final String name;
    private final Tensor features;
    private final List<String> featureNames;
    private final String targetName;
    private final int[] labels;
    private final List<String> classNames;
    private final float[] values;
    private final Task task;

    private Dataset(String name, Tensor features, List<String> featureNames, String targetName, int[] labels,
                    List<String> classNames, float[] values) {
        this.name = Objects.requireNonNull(name);
        if (features.rank() != 2) {
            throw new IllegalArgumentException("features must be a matrix, got " + features.shapeString());
        }
        if (featureNames.size() != features.cols()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + features.cols() + " columns");
        }
        int targets = labels != null ? labels.length : values.length;
        if (targets != features.rows()) {
            throw new IllegalArgumentException(targets + " targets for " + features.rows() + " rows");
        }
        this.features = features;
        this.featureNames = List.copyOf(featureNames);
        this.targetName = targetName;
        this.labels = labels;
        this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
        this.values = values;
        this.task = labels == null ? Task.REGRESSION : this.classNames.size() == 2 ? Task.BINARY : Task.MULTICLASS;
        if (labels != null) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                    throw new IllegalArgumentException("row " + i + ": label " + labels[i] + " outside 0.."
                            + (this.classNames.size() - 1));
                }
            }
        }
    }

    /** A classification table: {@code labels[i]} indexes {@code classNames}. */
    public static Dataset classification(String name, Tensor features, List<String> featureNames, String targetName,
                                         int[] labels, List<String> classNames) {
        return new Dataset(name, features, featureNames, targetName, labels.clone(), classNames, null);
    }

    /** A regression table with one numeric target per row. */
    public static Dataset regression(String name, Tensor features, List<String> featureNames, String targetName,
                                     float[] values) {
        return new Dataset(name, features, featureNames, targetName, null, null, values.clone());
    }

    public String name() {
        return name;
    }

    /** X, [rows, features]. */
    public Tensor features() {
        return features;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String targetName() {
        return targetName;
    }

    public int rows() {
        return features.rows();
    }

    public int featureCount() {
        return features.cols();
    }

    /** Whether the target holds class labels (else numbers). */
    public boolean isClassification() {
        return labels != null;
    }

    /** Class labels 0…K−1 (a copy); classification only. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException(name + ": target '" + targetName + "' holds numbers, not classes");
        }
        return labels.clone();
    }

    /** Class names, index = label; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** Numeric targets (a copy); regression only. */
    public float[] values() {
        if (values == null) {
            throw new IllegalStateException(name + ": target '" + targetName + "' holds classes, not numbers");
        }
        return values.clone();
    }

    /** The task this target asks for: two classes are binary, more are multi-class, numbers are regression. */
    public Task task() {
        return task;
    }

    /**
     * Targets as a tensor for {@link Batches}: labels as a vector [rows] for multi-class, 0/1 as [rows, 1]
     * for binary, values as [rows, 1] for regression.
     */
    public Tensor targets() {
        int n = rows();
        if (labels == null) {
            return Tensor.wrap(values.clone(), n, 1);
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels[i];
        }
        return task() == Task.BINARY ? Tensor.wrap(y, n, 1) : Tensor.wrap(y, n);
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        int d = featureCount();
        float[] src = features.to(dev.nabla.tensor.DType.F32).floats();
        float[] x = new float[indices.length * d];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(src, indices[i] * d, x, i * d, d);
        }
        Tensor xs = Tensor.wrap(x, indices.length, d);
        if (labels != null) {
            int[] y = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                y[i] = labels[indices[i]];
            }
            return new Dataset(name, xs, featureNames, targetName, y, classNames, null);
        }
        float[] y = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = values[indices[i]];
        }
        return new Dataset(name, xs, featureNames, targetName, null, null, y);
    }

    /** The same rows with features replaced (e.g. scaled), same shape. */
    public Dataset withFeatures(Tensor newFeatures) {
        if (newFeatures.rows() != rows() || newFeatures.cols() != featureCount()) {
            throw new IllegalArgumentException("features " + newFeatures.shapeString() + " do not replace "
                    + features.shapeString());
        }
        return new Dataset(name, newFeatures, featureNames, targetName, labels, classNames, values);
    }

    /**
     * The same rows with feature columns in the order of {@code names} (a model's features): matched by name when
     * every name is present, kept in place when the names differ but the count agrees.
     *
     * @throws DataException when the number of features differs
     */
    public Dataset withFeatureOrder(List<String> names) {
        if (names.equals(featureNames)) {
            return this;
        }
        if (names.size() != featureCount()) {
            throw new DataException(name + ": " + featureCount() + " features, but the model expects " + names.size()
                    + " (" + Table.abbreviate(names) + ")");
        }
        if (!featureNames.containsAll(names)) {
            return this;
        }
        int d = featureCount();
        int[] from = new int[d];
        for (int j = 0; j < d; j++) {
            from[j] = featureNames.indexOf(names.get(j));
        }
        float[] src = features.to(dev.nabla.tensor.DType.F32).floats();
        float[] x = new float[src.length];
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = src[i * d + from[j]];
            }
        }
        return new Dataset(name, Tensor.wrap(x, rows(), d), names, targetName, labels, classNames, values);
    }

    /**
     * The same rows with labels renumbered to index {@code order} (a model's class names), so that data
     * read on its own matches the model's outputs.
     *
     * @throws DataException when a class of this dataset is not in {@code order}
     */
    public Dataset withClassOrder(List<String> order) {
        if (labels == null) {
            throw new DataException(name + ": target '" + targetName + "' holds numbers, but the model predicts classes ("
                    + Table.abbreviate(order) + ")");
        }
        int[] map = new int[classNames.size()];
        for (int k = 0; k < map.length; k++) {
            map[k] = order.indexOf(classNames.get(k));
            if (map[k] < 0) {
                throw new DataException(name + ": class '" + classNames.get(k) + "' of target '" + targetName
                        + "' is not one the model knows (" + Table.abbreviate(order) + ")");
            }
        }
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = map[labels[i]];
        }
        return new Dataset(name, features, featureNames, targetName, y, order, null);
    }

    @Override
    public String toString() {
        return name + " (" + rows() + " rows, " + featureCount() + " features, target '" + targetName + "', "
                + task().id() + (labels != null ? ", " + classNames.size() + " classes" : "") + ")";
    }
}
