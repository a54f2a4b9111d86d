package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Raw table columns → the network's input matrix: one {@link Encoder} per input column, in order, fitted on the
 * training rows. A model file holds it, so the model alone turns raw rows (missing cells, unseen levels, extra
 * columns) into predictions. Scaling of the encoded numbers is applied after it ({@link Scaling}).
 *
 * @param encoders one per input column
 * @param missing  the cell texts read as missing in training, so that prediction reads raw files the same way
 */
public record Pipeline(List<Encoder> encoders, List<String> missing) {
    /** Cells (rows × columns) from which columns are worked on in parallel. */
    static final long PARALLEL_CELLS = 1 << 18;
    /** Floats of the matrix encoded at once: a block that stays in a core's L2 cache. */
    private static final int BLOCK_FLOATS = 1 << 16;

    public Pipeline {
        encoders = List.copyOf(encoders);
        missing = List.copyOf(missing);
        if (encoders.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one input column");
        }
    }

    /** Fits an encoder per input column of {@code schema} on {@code rows} of {@code table}. */
    public static Pipeline fit(Table table, int[] rows, Schema schema, TableOptions options) {
        return fit(table, rows, schema, options, TableProfile.of(table, rows, options, schema.target()));
    }

    /** {@link #fit(Table, int[], Schema, TableOptions)} from the profile of those rows, already taken. */
    static Pipeline fit(Table table, int[] rows, Schema schema, TableOptions options, TableProfile profile) {
        Map<String, Float> medians = new java.util.concurrent.ConcurrentHashMap<>();
        if (options.impute() == TableOptions.Impute.MEDIAN) {
            schema.columns(ColumnKind.NUMBER).parallelStream()
                    .forEach(name -> medians.put(name, NumberEncoder.median(table.column(name), rows)));
        }
        return fit(profile, schema, options, medians);
    }

    /**
     * Fits an encoder per input column of {@code schema} from the profile of the training rows and, when missing
     * numbers are filled with the median, the median of each number column's numbers (found on many machines by
     * {@link RadixSelect}'s counts).
     *
     * @throws DataException when a category has too many levels to count
     */
    public static Pipeline fit(TableProfile profile, Schema schema, TableOptions options, Map<String, Float> medians) {
        List<Encoder> out = new ArrayList<>();
        for (String name : schema.inputs()) {
            ColumnProfile c = profile.column(name);
            if (schema.kinds().get(name) == ColumnKind.NUMBER) {
                Float median = medians.get(name);
                if (options.impute() == TableOptions.Impute.MEDIAN && median == null) {
                    throw new IllegalArgumentException("no median for column '" + name + "'");
                }
                out.add(NumberEncoder.fit(c, options.impute(), median == null ? 0f : median));
            } else if (c.many()) {
                throw new DataException(profile.source() + ": column '" + TableReader.shorten(name) + "' has "
                        + ColumnProfile.LEVELS + " distinct values or more, too many levels for a category");
            } else {
                out.add(CategoryEncoder.fit(c, options.minLevelRows(), options.maxOneHot()));
            }
        }
        return new Pipeline(out, options.missing());
    }

    /** The identity pipeline of a numeric matrix: each column as it is (no missing cells expected). */
    public static Pipeline numeric(List<String> names) {
        List<Encoder> out = new ArrayList<>();
        for (String n : names) {
            out.add(new NumberEncoder(n, 0f, false));
        }
        return new Pipeline(out, TableReader.DEFAULT_MISSING);
    }

    /** The raw columns it reads, in order. */
    public List<String> columns() {
        return encoders.stream().map(Encoder::column).toList();
    }

    /** Names of the encoded columns, in order. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        encoders.forEach(e -> out.addAll(e.names()));
        return out;
    }

    /** Where each encoder's columns start in an encoded row. */
    int[] offsets() {
        int[] offsets = new int[encoders.size()];
        for (int k = 1; k < offsets.length; k++) {
            offsets[k] = offsets[k - 1] + encoders.get(k - 1).width();
        }
        return offsets;
    }

    /** Number of encoded columns. */
    public int width() {
        int w = 0;
        for (Encoder e : encoders) {
            w += e.width();
        }
        return w;
    }

    /** Whether every input is a number without indicator: the encoded matrix is the raw numbers. */
    public boolean isNumeric() {
        return encoders.stream().allMatch(e -> e instanceof NumberEncoder n && !n.indicator());
    }

    /** Per encoded column, whether the input scaling should standardise it. */
    public boolean[] scaled() {
        boolean[] out = new boolean[width()];
        int j = 0;
        for (Encoder e : encoders) {
            for (int k = 0; k < e.width(); k++) {
                out[j++] = e.scaled(k);
            }
        }
        return out;
    }

    /** The embedded category columns: their position in the encoded matrix and their encoder. */
    public List<Embedded> embedded() {
        List<Embedded> out = new ArrayList<>();
        int j = 0;
        for (Encoder e : encoders) {
            if (e instanceof CategoryEncoder c && c.embedded()) {
                out.add(new Embedded(j, c));
            }
            j += e.width();
        }
        return out;
    }

    /**
     * An embedded column of the encoded matrix.
     *
     * @param index   its position among the encoded columns
     * @param encoder its encoder (levels, dimension)
     */
    public record Embedded(int index, CategoryEncoder encoder) {
    }

    /**
     * The encoded matrix [rows, width()] of {@code table}, whose columns are found by name (others are ignored).
     *
     * @throws DataException naming the first input column the table lacks
     */
    public Tensor encode(Table table) {
        List<Table.Column> columns = new ArrayList<>(encoders.size());
        for (Encoder e : encoders) {
            Table.Column c = table.column(e.column());
            if (c == null) {
                throw new DataException(table.source() + ": no column '" + e.column() + "', which the model needs; "
                        + "the columns are " + Table.abbreviate(table.names()));
            }
            columns.add(c);
        }
        int n = table.rows();
        int width = width();
        float[] out = new float[n * width];
        int[] offsets = offsets();
        for (int k = 0; k < encoders.size(); k++) {
            if (encoders.get(k) instanceof NumberEncoder) {
                Table.Column c = columns.get(k);
                for (int i = 0; i < n; i++) {
                    if (c.isText(i)) {
                        throw table.cellError(i, c.name(), NumberEncoder.notANumber(c.level(i)));
                    }
                }
            }
        }
        Encoder.Rows[] writers = new Encoder.Rows[encoders.size()];
        for (int k = 0; k < writers.length; k++) {
            writers[k] = encoders.get(k).rows(columns.get(k));
        }
        // Block of rows by block of rows, so that a block of the matrix stays in the cache while every column is
        // written into it (column by column, each pass would stride through the whole matrix), on every core for a
        // large table: each cell is written by one encoder alone, so the result is the same whatever runs where.
        int block = Math.max(64, BLOCK_FLOATS / Math.max(1, width));
        java.util.stream.IntStream blocks = java.util.stream.IntStream.range(0, (n + block - 1) / block);
        if ((long) n * encoders.size() >= PARALLEL_CELLS) {
            blocks = blocks.parallel();
        }
        blocks.forEach(b -> {
            int from = b * block;
            int to = Math.min(n, from + block);
            for (int k = 0; k < writers.length; k++) {
                writers[k].write(out, width, offsets[k], from, to);
            }
        });
        return Tensor.wrap(out, n, width);
    }

    /** A reader of raw files as training read them (its missing-value tokens; the delimiter is detected). */
    public TableReader reader() {
        return new TableReader(missing, null);
    }

    /** One line per input column. */
    public List<String> describe() {
        return encoders.stream().map(Encoder::describe).toList();
    }
}
