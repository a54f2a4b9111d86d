package dev.nabla.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One part of a file read in parts at once ({@link SplitRead}): FastCSV's callback parses each cell straight into the
 * part's {@link ColumnBuilder}s. The first part reads the header and ends with {@link #MARK} appended as a line of its
 * own, which tells that the parser's state at the split was between records; a later part takes its width from its
 * first row. Anything unusual (a refused cell, a row of another width, a marker that is not a line of its own) fails
 * the part, and the file is read again in one go, which names the fault exactly as it always does.
 */
final class PartCells extends AbstractBaseCsvCallbackHandler<Object> {
    /** Appended after the first part: a line of one field no data file holds (NUL characters). */
    static final String MARK = "\u0000nabla-split\u0000";
    private static final Object RECORD = new Object();

    private final String source;
    private final Tokens missing;
    private final boolean first;
    private final AtomicBoolean abandoned;
    /** The header's fields (first part) or the first row's (a later part) until the columns exist. */
    private final List<String> opening = new ArrayList<>();
    private ColumnBuilder[] columns;
    private final int expectedRows;
    private final long bytes;
    private long[] lines;
    private int rows;
    private boolean markField;
    private int marks;
    private long markLine;
    private boolean lastFieldSpansLines;
    private long openQuoteLine;
    private boolean failed;

    /**
     * @param first     whether the part starts the file (header, marker)
     * @param abandoned    set when another part has failed: this one stops too
     * @param expectedRows about how many rows the part holds: the columns' first size
     * @param bytes        the part's bytes: a row of w fields takes at least w, which bounds that size when the
     *                     file's start misleads the estimate
     */
    PartCells(String source, Tokens missing, boolean first, AtomicBoolean abandoned, int expectedRows, long bytes) {
        this.source = source;
        this.missing = missing;
        this.first = first;
        this.abandoned = abandoned;
        this.expectedRows = Math.max(1, expectedRows);
        this.bytes = bytes;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int length, boolean quoted) {
        lastFieldSpansLines = quoted && Cells.hasLineBreak(buf, offset, length);
        if (first && index == 0 && !quoted && isMark(buf, offset, length)) {
            markField = true;
            return;
        }
        if (columns == null) {
            opening.add(new String(buf, offset, length));
        } else if (index < columns.length && columns[index].add(buf, offset, length) != null) {
            fail();
        }
    }

    @Override
    protected Object buildRecord() {
        openQuoteLine = lastFieldSpansLines ? getStartingLineNumber() : 0;
        lastFieldSpansLines = false;
        if (markField) {
            markField = false;
            marks++;
            markLine = getStartingLineNumber();
            if (getFieldCount() != 1) {
                fail();
            }
            return RECORD;
        }
        if (marks > 0) {
            fail();
        }
        if (getRecordType() != RecordType.DATA) {
            return RECORD;
        }
        if (columns == null) {
            List<String> names = first ? TableReader.header(opening, source, getStartingLineNumber()) : opening;
            columns = new ColumnBuilder[names.size()];
            int size = (int) Math.min(expectedRows, bytes / names.size() + 1);
            lines = new long[size];
            for (int j = 0; j < columns.length; j++) {
                columns[j] = new ColumnBuilder(names.get(j), missing, size);
            }
            if (first) {
                return RECORD;
            }
            for (int j = 0; j < columns.length; j++) {
                char[] cell = opening.get(j).toCharArray();
                if (columns[j].add(cell, 0, cell.length) != null) {
                    fail();
                }
            }
        } else if (getFieldCount() != columns.length) {
            fail();
        }
        if ((rows & 1023) == 0 && abandoned.get()) {
            fail();
        }
        if (rows == lines.length) {
            lines = Arrays.copyOf(lines, rows * 2);
        }
        lines[rows++] = getStartingLineNumber();
        return RECORD;
    }

    private void fail() {
        failed = true;
        throw new Cells.Stop();
    }

    private static boolean isMark(char[] buf, int offset, int length) {
        return length == MARK.length() && buf[offset] == MARK.charAt(0) && MARK.contentEquals(
                java.nio.CharBuffer.wrap(buf, offset, length));
    }

    /** Whether the part was read whole without anything unusual, and (first part) ended exactly at the split. */
    boolean clean() {
        return !failed && columns != null && rows > 0 && (!first || marks == 1);
    }

    /** The line of the last row if its last field is quoted and spans lines, else 0 (as {@link Cells}). */
    long openQuoteLine() {
        return openQuoteLine;
    }

    int width() {
        return columns == null ? -1 : columns.length;
    }

    /**
     * The table of this (first) part followed by {@code next}, whose lines are counted from the split's line.
     */
    Table join(PartCells next) {
        long shift = markLine - 1;
        long[] all = Arrays.copyOf(lines, rows + next.rows);
        for (int i = 0; i < next.rows; i++) {
            all[rows + i] = next.lines[i] + shift;
        }
        List<Table.Column> joined = new ArrayList<>(columns.length);
        for (int j = 0; j < columns.length; j++) {
            joined.add(columns[j].join(rows, next.columns[j], next.rows));
            columns[j] = null;
            next.columns[j] = null;
        }
        return new Table(source, joined, all, null);
    }
}
