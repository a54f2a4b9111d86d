package dev.nabla.data;

import java.util.List;
import java.util.Map;

/**
 * Raw rows encoded cell by cell straight into rows of the {@link Pipeline}'s encoded matrix — a cell means what it
 * means in a file ({@link TableReader}: the number grammar, the missing-value tokens, texts without their blanks) and
 * is encoded as {@link Pipeline#encode} encodes it, with the same messages — but with no table in between and nothing
 * allocated per cell or row: {@code nabla serve}'s way in. Not for sharing between threads; make one per thread.
 * <pre>{@code
 * rows.startRow();
 * rows.cell(rows.column(name, 0, name.length), text, 0, text.length);   // columns left out are missing
 * rows.endRow(i, features, i * rows.width());
 * }</pre>
 */
public final class RowEncoder {
    private final String source;
    private final List<String> columns;
    private final Encoder[] encoders;
    private final int[] offsets;
    private final int width;
    private final Tokens missingTokens;
    private final CharTable byName = new CharTable();
    /** This row's cells: column → the characters given, null when none (a missing cell). */
    private final char[][] bufs;
    private final int[] starts;
    private final int[] lengths;
    /** This row's cells as read: the number, NaN for a text or a missing cell. */
    private final float[] numbers;
    /** The level of an integer float32 cannot hold exactly (its text), else null. */
    private final String[] exact;

    /**
     * @param source the name of the rows in messages, e.g. {@code rows: row 2: unknown column 'Agee'}
     */
    public RowEncoder(Pipeline pipeline, String source) {
        this.source = source;
        this.columns = pipeline.columns();
        this.encoders = pipeline.encoders().toArray(Encoder[]::new);
        this.offsets = pipeline.offsets();
        this.width = pipeline.width();
        this.missingTokens = pipeline.reader().missingTokens();
        for (int j = 0; j < columns.size(); j++) {
            byName.put(columns.get(j), j);
        }
        bufs = new char[encoders.length][];
        starts = new int[encoders.length];
        lengths = new int[encoders.length];
        numbers = new float[encoders.length];
        exact = new String[encoders.length];
    }

    /** Width of an encoded row. */
    public int width() {
        return width;
    }

    /** The index of the input column named {@code buf[offset, offset + length)}, or −1 when the model has none. */
    public int column(char[] buf, int offset, int length) {
        int j = byName.get(buf, offset, length);
        return j == CharTable.ABSENT ? -1 : j;
    }

    /** The one-line error for a column the model does not read, named in row {@code row} (from 0). */
    public DataException unknownColumn(int row, char[] buf, int offset, int length) {
        return new DataException(source + ": row " + (row + 1) + ": unknown column '"
                + TableReader.shorten(new String(buf, offset, length)) + "'; the columns are "
                + Table.abbreviate(columns));
    }

    /**
     * Rows given as column name → cell (a text, a number or null; a column a row leaves out is missing), as they
     * come from a form or a map: row i encoded at {@code i·width()} of a new array.
     *
     * @throws DataException naming the row and column at fault, or a column the model does not read
     */
    public float[] encode(List<? extends Map<String, ?>> rows) {
        float[] out = new float[Math.multiplyExact(rows.size(), width)];
        for (int i = 0; i < rows.size(); i++) {
            startRow();
            for (Map.Entry<String, ?> e : rows.get(i).entrySet()) {
                char[] name = e.getKey().toCharArray();
                int j = column(name, 0, name.length);
                if (j < 0) {
                    throw unknownColumn(i, name, 0, name.length);
                }
                char[] text = e.getValue() == null ? null : String.valueOf(e.getValue()).toCharArray();
                cell(j, text, 0, text == null ? 0 : text.length);
            }
            endRow(i, out, i * width);
        }
        return out;
    }

    /** Starts a row: every cell missing until given. */
    public void startRow() {
        java.util.Arrays.fill(bufs, null);
    }

    /**
     * Cell of column {@code column}: the text {@code buf[offset, offset + length)} (a number as written, a category),
     * kept by reference until {@link #endRow}; a null {@code buf} is a missing cell. A cell given twice keeps the last.
     */
    public void cell(int column, char[] buf, int offset, int length) {
        bufs[column] = buf;
        starts[column] = offset;
        lengths[column] = length;
    }

    /**
     * Encodes the row into {@code out[offset, offset + width())}. The cells are read first, then encoded, as a file's
     * are, so that of two faults the one a file would report is reported.
     *
     * @param row the row's index from 0, for messages
     * @throws DataException naming the row and column of a cell that cannot be read as the model reads it
     */
    public void endRow(int row, float[] out, int offset) {
        for (int j = 0; j < encoders.length; j++) {
            read(row, j);
        }
        for (int j = 0; j < encoders.length; j++) {
            int at = offset + offsets[j];
            switch (encoders[j]) {
                case NumberEncoder n -> {
                    if (bufs[j] != null && Float.isNaN(numbers[j])) {
                        throw refused(row, j, NumberEncoder.notANumber(new String(bufs[j], starts[j], lengths[j])));
                    }
                    n.put(numbers[j], out, at);
                }
                case CategoryEncoder c -> {
                    boolean missingCell = bufs[j] == null;
                    int k = missingCell ? -1
                            : !Float.isNaN(numbers[j]) ? (exact[j] != null ? c.indexOf(exact[j]) : c.indexOf(numbers[j]))
                            : c.indexOf(bufs[j], starts[j], lengths[j]);
                    c.put(k, missingCell, out, at, true);
                }
            }
        }
    }

    /**
     * Reads column j's cell as a file's cell is read: a number ({@code numbers[j]}; a level's exact text too when
     * float32 cannot hold the integer), a missing cell ({@code bufs[j]} null) or a text without its blanks (NaN, the
     * text's range in bufs, starts, lengths).
     */
    private void read(int row, int j) {
        numbers[j] = Float.NaN;
        exact[j] = null;
        char[] buf = bufs[j];
        if (buf == null) {
            return;
        }
        int start = starts[j];
        int length = lengths[j];
        double v = ColumnBuilder.number(buf, start, length);
        if (!Double.isNaN(v)) {
            if (Math.abs(v) > Float.MAX_VALUE) {
                throw refused(row, j, ColumnBuilder.beyondRange(buf, start, length));
            }
            numbers[j] = (float) v;
            if (encoders[j] instanceof CategoryEncoder && ColumnBuilder.needsExactText(v)) {
                exact[j] = ColumnBuilder.exactText(buf, start, length);
            }
            return;
        }
        int from = ColumnBuilder.stripStart(buf, start, start + length);
        int to = ColumnBuilder.stripEnd(buf, from, start + length);
        if (from == to) {
            bufs[j] = null;
            return;
        }
        switch (ColumnBuilder.TextKind.of(buf, from, to - from, missingTokens)) {
            case INFINITE -> throw refused(row, j, ColumnBuilder.notFinite(buf, from, to - from));
            case MISSING -> bufs[j] = null;
            case LEVEL -> {
                starts[j] = from;
                lengths[j] = to - from;
            }
        }
    }

    /** {@code rows:2:3 (column 'Age'): why}, as a file's cell is refused, with the row's number for the line. */
    private DataException refused(int row, int j, String why) {
        return new DataException(source + ":" + (row + 1) + ":" + (j + 1) + " (column '"
                + TableReader.shorten(columns.get(j)) + "'): " + why);
    }
}
