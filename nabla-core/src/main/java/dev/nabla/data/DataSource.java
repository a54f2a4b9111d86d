package dev.nabla.data;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * A dataset as loaded, with the publisher's own test set when it has one (Fashion-MNIST's 10000 images),
 * which {@link Split} then uses as the test split instead of drawing one, and the input scaling that suits
 * the data. A table read from CSV also keeps its raw cells ({@link #table()}), so that training can fit the
 * encoding of its columns on the training rows only.
 *
 * @param data       the rows to train (and validate) on; for a table, the targets only (no feature column yet:
 *                   training fits the encoding on its training rows; {@link #encoded()} fits it on all rows)
 * @param presetTest the publisher's test rows, or null
 * @param scaling    the scaling that suits the data: min-max for images (standardising each pixel would blow
 *                   up the noise of near-constant border pixels), standard for tables
 * @param table      the raw table behind {@code data}, or null for a matrix (IDX images)
 */
public record DataSource(Dataset data, Dataset presetTest, Scaling.Kind scaling, TableData table) {

    /**
     * A table's raw cells.
     *
     * @param cells   the rows that have a target, as read
     * @param target  the target of those rows (row k of {@code cells} is target row k)
     * @param options how the columns are to be read and encoded
     */
    public record TableData(Table cells, Target target, TableOptions options) {
    }

    public DataSource {
        java.util.Objects.requireNonNull(data);
        java.util.Objects.requireNonNull(scaling);
        if (presetTest != null && presetTest.featureCount() != data.featureCount()) {
            throw new IllegalArgumentException("test set has " + presetTest.featureCount() + " features, data "
                    + data.featureCount());
        }
    }

    /** A matrix with a preset test set. */
    public DataSource(Dataset data, Dataset presetTest, Scaling.Kind scaling) {
        this(data, presetTest, scaling, null);
    }

    /** A table with a preset test set, standard scaling. */
    public DataSource(Dataset data, Dataset presetTest) {
        this(data, presetTest, Scaling.Kind.STANDARD);
    }

    /** A matrix without a preset test set, standard scaling. */
    public static DataSource of(Dataset data) {
        return new DataSource(data, null);
    }

    /**
     * A raw table with its target column {@code target} (null: the last): rows without a target are left out, and
     * {@link #data()} previews the encoding.
     */
    public static DataSource of(Table table, String target, TableOptions options) {
        Target t = Target.of(table, target, options.task());
        Table cells = t.dropped() == 0 ? table : table.subset(t.rows());
        Target aligned = t.renumbered();
        Dataset targets = aligned.toDataset(nameOf(table.source()), Tensor.zeros(DType.F32, cells.rows(), 0), List.of());
        return new DataSource(targets, null, Scaling.Kind.STANDARD, new TableData(cells, aligned, options));
    }

    /**
     * The rows with their features: for a table, every input column encoded by a pipeline fitted on all rows (what a
     * model trained on all of them would see, unscaled); for a matrix, {@link #data()} itself.
     */
    public Dataset encoded() {
        if (table == null) {
            return data;
        }
        int[] all = java.util.stream.IntStream.range(0, table.cells().rows()).toArray();
        Pipeline pipeline = TableFit.of(table.cells(), all, table.target().name(), table.options()).pipeline();
        return table.target().toDataset(data.name(), pipeline.encode(table.cells()), pipeline.names());
    }

    private static String nameOf(String source) {
        String name = java.nio.file.Path.of(source).getFileName() == null ? source
                : java.nio.file.Path.of(source).getFileName().toString();
        return name;
    }
}
