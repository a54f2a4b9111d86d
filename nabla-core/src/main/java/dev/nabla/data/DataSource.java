package dev.nabla.data;

/**
 * A dataset as loaded, with the publisher's own test set when it has one (Fashion-MNIST's 10000 images),
 * which {@link Split} then uses as the test split instead of drawing one, and the input scaling that suits
 * the data. A table read from CSV also keeps its raw cells ({@link #table()}), so that training can fit the
 * encoding of its columns on the training rows only.
 *
 * @param data       the rows to train (and validate) on; for a table, encoded by a pipeline fitted on all rows
 *                   (a preview: training refits on its training rows)
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
        Table cells = table.subset(t.rows());
        int[] all = new int[cells.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Target aligned = t.subset(all).renumbered();
        Schema schema = Schema.infer(cells, all, t.name(), options);
        Pipeline pipeline = Pipeline.fit(cells, all, schema, options);
        Dataset preview = aligned.toDataset(nameOf(table.source()), pipeline.encode(cells), pipeline.names());
        return new DataSource(preview, null, Scaling.Kind.STANDARD, new TableData(cells, aligned.withDropped(t.dropped()),
                options));
    }

    private static String nameOf(String source) {
        String name = java.nio.file.Path.of(source).getFileName() == null ? source
                : java.nio.file.Path.of(source).getFileName().toString();
        return name;
    }
}
