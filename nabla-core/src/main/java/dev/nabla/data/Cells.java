package dev.nabla.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A CSV file's cells, taken from FastCSV's buffer (its callback API) and turned into columns on a second thread:
 * the parser's thread copies each row's fields into a chunk of rows, and a worker parses full chunks into the
 * columns' {@link ColumnBuilder}s, in the file's order — so the columns, their codes and the first error are those
 * of a reading on one thread. A file that fits in one chunk is parsed on the calling thread.
 */
final class Cells extends AbstractBaseCsvCallbackHandler<Object> {
    private static final Object RECORD = new Object();
    /** A chunk is handed over once it holds about this many characters. */
    private static final int CHUNK_CHARS = 1 << 19;
    /** Chunks in flight: one being filled, the others queued or being parsed. */
    private static final int CHUNKS = 3;

    /** Thrown out of FastCSV's loop to stop reading once the worker has failed or a row is malformed. */
    static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** Rows of cells: cell c of the chunk spans chars[end(c − 1), ends[c]). */
    private static final class Chunk {
        char[] chars = new char[CHUNK_CHARS + 1024];
        int used;
        int[] ends = new int[1 << 14];
        int cells;
        long[] lines = new long[1 << 12];
        int rows;
        /** The malformed row after the last one held, which ended reading; null otherwise. */
        DataException error;
        boolean last;

        void clear() {
            used = 0;
            cells = 0;
            rows = 0;
            error = null;
            last = false;
        }
    }

    private final String source;
    private final Tokens missing;
    private final List<String> names = new ArrayList<>();
    private List<String> header;
    private ColumnBuilder[] columns;
    private long[] lines = new long[1024];
    private int rows;
    /** The line of the last record when its last field is quoted and spans lines (a quote left open?), else 0. */
    private long openQuoteLine;
    private boolean lastFieldSpansLines;

    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private Chunk chunk = new Chunk();
    private Thread worker;
    /** The first error the worker met, in file order; written by the worker, read after handing over. */
    private volatile RuntimeException failure;
    private volatile Throwable crash;

    Cells(String source, Tokens missing) {
        this.source = source;
        this.missing = missing;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int length, boolean quoted) {
        lastFieldSpansLines = quoted && hasLineBreak(buf, offset, length);
        if (columns == null) {
            names.add(new String(buf, offset, length));
            return;
        }
        if (index >= columns.length) {
            return;
        }
        Chunk c = chunk;
        if (c.used + length > c.chars.length) {
            c.chars = Arrays.copyOf(c.chars, Math.max(c.chars.length * 2, c.used + length));
        }
        if (c.cells == c.ends.length) {
            c.ends = Arrays.copyOf(c.ends, c.cells * 2);
        }
        System.arraycopy(buf, offset, c.chars, c.used, length);
        c.used += length;
        c.ends[c.cells++] = c.used;
    }

    @Override
    protected Object buildRecord() {
        openQuoteLine = lastFieldSpansLines ? getStartingLineNumber() : 0;
        lastFieldSpansLines = false;
        if (getRecordType() != RecordType.DATA) {
            return RECORD;
        }
        if (columns == null) {
            header = TableReader.header(names, source, getStartingLineNumber());
            columns = new ColumnBuilder[header.size()];
            for (int j = 0; j < columns.length; j++) {
                columns[j] = new ColumnBuilder(header.get(j), missing);
            }
            return RECORD;
        }
        Chunk c = chunk;
        if (getFieldCount() != columns.length) {
            c.cells = c.rows * columns.length;
            c.used = c.cells == 0 ? 0 : c.ends[c.cells - 1];
            c.error = new DataException(source + ":" + getStartingLineNumber() + ": " + getFieldCount()
                    + " fields, but the header has " + columns.length);
            throw new Stop();
        }
        if (c.rows == c.lines.length) {
            c.lines = Arrays.copyOf(c.lines, c.rows * 2);
        }
        c.lines[c.rows++] = getStartingLineNumber();
        if (c.used >= CHUNK_CHARS) {
            handOver();
        }
        return RECORD;
    }

    /** The line of the last record if its last field is quoted and spans lines, else 0. */
    long openQuoteLine() {
        return openQuoteLine;
    }

    static boolean hasLineBreak(char[] buf, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buf[i] == '\n' || buf[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Queues the full chunk for the worker (starting it the first time) and takes a free one. */
    private void handOver() {
        if (worker == null) {
            for (int k = 1; k < CHUNKS; k++) {
                free.add(new Chunk());
            }
            worker = Thread.ofPlatform().daemon().name("nabla-cells").start(this::work);
        }
        if (failure != null || crash != null) {
            throw new Stop();
        }
        try {
            full.put(chunk);
            chunk = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(source + ": reading was interrupted", e);
        }
        chunk.clear();
    }

    /** The worker: parses chunks in order until the last; after a failure it only hands chunks back. */
    private void work() {
        try {
            while (true) {
                Chunk c = full.take();
                if (failure == null && crash == null) {
                    try {
                        parse(c);
                    } catch (RuntimeException e) {
                        failure = e;
                    } catch (Throwable e) {
                        crash = e;
                    }
                }
                boolean last = c.last;
                free.put(c);
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            crash = e;
        }
    }

    private void parse(Chunk c) {
        int width = columns.length;
        if (rows + c.rows > lines.length) {
            lines = Arrays.copyOf(lines, Math.max(lines.length * 2, rows + c.rows));
        }
        int cell = 0;
        int start = 0;
        for (int r = 0; r < c.rows; r++) {
            for (int j = 0; j < width; j++, cell++) {
                int end = c.ends[cell];
                String refused = columns[j].add(c.chars, start, end - start);
                if (refused != null) {
                    throw new DataException(source + ":" + c.lines[r] + ":" + (j + 1) + " (column '"
                            + TableReader.shorten(header.get(j)) + "'): " + refused);
                }
                start = end;
            }
            lines[rows++] = c.lines[r];
        }
        if (c.error != null) {
            throw c.error;
        }
    }

    /**
     * Parses what is left, waits for the worker and returns the table; the first error in the file's order is
     * thrown, before {@code pending} (what stopped the parser, if anything: it lies after every row handed over).
     */
    Table finish(RuntimeException pending) {
        if (columns != null) {
            chunk.last = true;
            if (worker == null) {
                parse(chunk);
            } else {
                try {
                    full.put(chunk);
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DataException(source + ": reading was interrupted", e);
                }
                if (crash instanceof Error e) {
                    throw e;
                }
                if (crash != null) {
                    throw new IllegalStateException(crash);
                }
                if (failure != null) {
                    throw failure;
                }
            }
        }
        if (pending != null && !(pending instanceof Stop)) {
            throw pending;
        }
        if (header == null) {
            throw new DataException(source + ": empty file (expected a header row)");
        }
        if (rows == 0) {
            throw new DataException(source + ": no data rows after the header");
        }
        List<Table.Column> built = new ArrayList<>(columns.length);
        for (ColumnBuilder b : columns) {
            built.add(b.build(rows));
        }
        return new Table(source, built, Arrays.copyOf(lines, rows), null);
    }
}
