package dev.nabla.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV table as it comes (through FastCSV): the delimiter told by the header line (comma, semicolon, tab or
 * pipe) unless given, quoted fields, cells that are numbers ({@link Numbers}), texts, or missing (empty or a
 * missing-value token). Every error names the source, the line and, for a cell, the column.
 */
public final class TableReader {
    /** Cells read as missing unless told otherwise (compared case-insensitively). */
    public static final List<String> DEFAULT_MISSING = List.of("", "NA", "N/A", "NaN", "null", "None", "?");
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    /** Spellings of infinity that other tools write: refused rather than read as a category level. */
    private static final Set<String> INFINITIES = Set.of("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");
    /** Integers up to 2²⁴ are exact in float32; beyond, distinct integers may round to one float. */
    private static final double FLOAT_EXACT_INTEGERS = 1 << 24;
    /** A header line longer than this is not a header; refusing early keeps a binary file from filling memory. */
    private static final int MAX_HEADER_CHARS = 1 << 20;

    private final Set<String> missing;
    private final Character delimiter;
    /** Texts longer than every missing-value token and spelling of infinity are neither. */
    private final int maxToken;

    /**
     * @param missing   the missing-value tokens, matched after trimming blanks, case-insensitively
     * @param delimiter the field delimiter, or null to tell it from the header line
     */
    public TableReader(List<String> missing, Character delimiter) {
        this.missing = new HashSet<>();
        missing.forEach(m -> this.missing.add(m.strip().toLowerCase(Locale.ROOT)));
        this.delimiter = delimiter;
        this.maxToken = Math.max(9, this.missing.stream().mapToInt(String::length).max().orElse(0));
    }

    /** A reader with the default missing-value tokens and a detected delimiter. */
    public TableReader() {
        this(DEFAULT_MISSING, null);
    }

    /** Reads everything from {@code input} (and closes it). */
    public Table read(TextInput input) {
        String source = input.source();
        try (BufferedReader reader = new BufferedReader(input, 1 << 16)) {
            reader.mark(MAX_HEADER_CHARS);
            char separator = delimiter != null ? delimiter : detect(reader, source);
            reader.reset();
            // The parser reads to the end of the input, so the digest covers every byte.
            Cells cells = read(reader, source, separator);
            if (cells.openQuoteLine > 0 && !input.endsWithQuote()) {
                // FastCSV closes a quote left open at the end of the input, making the rest of the file one cell: the
                // last record's last field spans lines and the input does not end with the closing quote.
                throw new DataException(source + ":" + cells.openQuoteLine + ": a quoted field opened on this line is "
                        + "never closed (it runs to the end of the file)");
            }
            return cells.table().withDigest(input.sha256());
        } catch (IOException e) {
            throw new DataException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * A table of rows given as column → cell (a text, a number or null for missing), read as a file's cells would
     * be: numbers of the one grammar, missing-value tokens, texts. {@code columns} are the table's columns in order;
     * a row may leave any of them out (missing) but may not name another.
     *
     * @throws DataException naming the row and the column at fault
     */
    public Table rows(String source, List<String> columns, List<? extends Map<String, ?>> rows) {
        Builder[] builders = new Builder[columns.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < builders.length; j++) {
            builders[j] = new Builder(columns.get(j));
            index.put(columns.get(j), j);
        }
        long[] lines = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, ?> row = rows.get(i);
            for (String key : row.keySet()) {
                if (!index.containsKey(key)) {
                    throw new DataException(source + ": row " + (i + 1) + ": unknown column '" + shorten(key)
                            + "'; the columns are " + Table.abbreviate(columns));
                }
            }
            for (int j = 0; j < builders.length; j++) {
                Object cell = row.get(columns.get(j));
                char[] text = cell == null ? new char[0] : String.valueOf(cell).toCharArray();
                String refused = builders[j].add(text, 0, text.length, missing, maxToken);
                if (refused != null) {
                    throw new DataException(source + ": row " + (i + 1) + " (column '" + columns.get(j) + "'): " + refused);
                }
            }
            lines[i] = i + 1;
        }
        List<Table.Column> built = new ArrayList<>(builders.length);
        for (Builder b : builders) {
            built.add(b.build(rows.size()));
        }
        return new Table(source, built, lines, null);
    }

    /** The delimiter that occurs most often outside quotes in the first line (comma when none does). */
    static char detect(BufferedReader reader, String source) throws IOException {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        int read = 0;
        for (int c = reader.read(); c >= 0 && (quoted || (c != '\n' && c != '\r')); c = reader.read()) {
            if (++read >= MAX_HEADER_CHARS) {
                throw new DataException(source + ": no end of the header line in the first " + MAX_HEADER_CHARS
                        + " characters; not a CSV file?");
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < DELIMITERS.length; k++) {
                    if (c == DELIMITERS[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return DELIMITERS[best];
    }

    private Cells read(BufferedReader reader, String source, char separator) {
        Cells cells = new Cells(source, missing, maxToken);
        try (CsvReader<Object> csv = CsvReader.builder().fieldSeparator(separator).skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).build(cells, reader)) {
            for (Object ignored : csv) {
                continue;
            }
        } catch (CsvParseException e) {
            if (rootCause(e) instanceof DataException d) {
                throw d;
            }
            throw new DataException(source + ": " + oneLine(rootMessage(e)), e);
        } catch (UncheckedIOException e) {
            if (rootCause(e) instanceof DataException d) {
                throw d;
            }
            throw new DataException(source + ": " + oneLine(rootMessage(e)), e);
        } catch (IOException e) {
            throw new DataException(source + ": " + oneLine(rootMessage(e)), e);
        }
        return cells;
    }

    /**
     * Cells straight from the parser's buffer: numbers are parsed from the characters, so only texts become strings
     * (FastCSV's callback API; a record is nothing but the columns' growth).
     */
    private static final class Cells extends AbstractBaseCsvCallbackHandler<Object> {
        private static final Object RECORD = new Object();
        private final String source;
        private final Set<String> missing;
        private final int maxToken;
        private List<String> header;
        private final List<String> names = new ArrayList<>();
        private Builder[] columns;
        private long[] lines = new long[1024];
        private int rows;
        /** The line of the last record when its last field is quoted and spans lines (a quote left open?), else 0. */
        long openQuoteLine;
        private boolean lastFieldSpansLines;

        Cells(String source, Set<String> missing, int maxToken) {
            this.source = source;
            this.missing = missing;
            this.maxToken = maxToken;
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
            String refused = columns[index].add(buf, offset, length, missing, maxToken);
            if (refused != null) {
                throw new DataException(source + ":" + getStartingLineNumber() + ":" + (index + 1) + " (column '"
                        + shorten(header.get(index)) + "'): " + refused);
            }
        }

        @Override
        protected Object buildRecord() {
            openQuoteLine = lastFieldSpansLines ? getStartingLineNumber() : 0;
            lastFieldSpansLines = false;
            if (getRecordType() != RecordType.DATA) {
                return RECORD;
            }
            if (columns == null) {
                header = header(names, source, getStartingLineNumber());
                columns = new Builder[header.size()];
                for (int j = 0; j < columns.length; j++) {
                    columns[j] = new Builder(header.get(j));
                }
                return RECORD;
            }
            if (getFieldCount() != columns.length) {
                throw new DataException(source + ":" + getStartingLineNumber() + ": " + getFieldCount()
                        + " fields, but the header has " + columns.length);
            }
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, rows * 2);
            }
            lines[rows++] = getStartingLineNumber();
            return RECORD;
        }

        Table table() {
            if (header == null) {
                throw new DataException(source + ": empty file (expected a header row)");
            }
            if (rows == 0) {
                throw new DataException(source + ": no data rows after the header");
            }
            List<Table.Column> built = new ArrayList<>(columns.length);
            for (Builder b : columns) {
                built.add(b.build(rows));
            }
            return new Table(source, built, Arrays.copyOf(lines, rows), null);
        }
    }

    private static List<String> header(List<String> fields, String source, long line) {
        // A byte-order mark inside the text (not at the file's start) would stick to the first name.
        List<String> names = new ArrayList<>(fields.size());
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < fields.size(); j++) {
            String name = fields.get(j).strip();
            if (name.isEmpty()) {
                name = "column" + (j + 1);
            }
            if (!seen.add(name)) {
                throw new DataException(source + ":" + line + ":" + (j + 1) + ": column name '" + shorten(name)
                        + "' appears twice in the header");
            }
            names.add(name);
        }
        return names;
    }

    /** A cell or name for a one-line message: at most 60 characters, line breaks and tabs shown as \\n, \\r, \\t. */
    public static String shorten(String text) {
        String cut = text.length() <= 60 ? text : text.substring(0, 57) + "…";
        return cut.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static boolean hasLineBreak(char[] buf, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buf[i] == '\n' || buf[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = rootCause(e);
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** A parser's message can quote a whole field: keep the first line, and at most 200 characters. */
    private static String oneLine(String message) {
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() <= 200 ? first : first.substring(0, 197) + "…";
    }

    /** One column as it is read: numbers where cells parse, codes of distinct texts where they do not. */
    private static final class Builder {
        private final String name;
        private float[] numbers = new float[1024];
        private int[] codes;
        private final Map<String, Integer> textCodes = new HashMap<>();
        private final List<String> texts = new ArrayList<>();
        private final Map<Integer, String> exact = new HashMap<>();
        private int size;

        Builder(String name) {
            this.name = name;
        }

        /** Adds a cell; returns why it is refused (a number beyond float range, an infinity), or null. */
        String add(char[] buf, int offset, int length, Set<String> missingTokens, int maxToken) {
            if (size == numbers.length) {
                numbers = Arrays.copyOf(numbers, size * 2);
                if (codes != null) {
                    codes = Arrays.copyOf(codes, size * 2);
                }
            }
            double v = Numbers.parse(buf, offset, length);
            if (!Double.isNaN(v)) {
                if (Math.abs(v) > Float.MAX_VALUE) {
                    return "'" + shorten(new String(buf, offset, length).strip()) + "' is beyond float32's range (±3.4e38)";
                }
                numbers[size] = (float) v;
                if (codes != null) {
                    codes[size] = -1;
                }
                if (Math.abs(v) > FLOAT_EXACT_INTEGERS && v == Math.rint(v) && (double) (float) v != v) {
                    // The exact value in plain decimals, so that "1e19" and "10000000000000000000" are one level.
                    exact.put(size, new java.math.BigDecimal(new String(buf, offset, length).trim())
                            .stripTrailingZeros().toPlainString());
                }
            } else {
                numbers[size] = Float.NaN;
                String text = new String(buf, offset, length).strip();
                // Missing-value tokens and spellings of infinity are short: longer texts need no lower-case copy.
                String lower = text.length() <= maxToken ? text.toLowerCase(Locale.ROOT) : null;
                if (lower != null && INFINITIES.contains(lower)) {
                    return "'" + text + "' is not a finite number";
                }
                boolean isMissing = text.isEmpty() || (lower != null && missingTokens.contains(lower));
                if (!isMissing || codes != null) {
                    if (codes == null) {
                        codes = new int[numbers.length];
                        Arrays.fill(codes, 0, size, -1);
                    }
                    codes[size] = isMissing ? -1 : textCodes.computeIfAbsent(text, t -> {
                        texts.add(t);
                        return texts.size() - 1;
                    });
                }
            }
            size++;
            return null;
        }

        Table.Column build(int rows) {
            return new Table.Column(name, Arrays.copyOf(numbers, rows), codes == null ? null : Arrays.copyOf(codes, rows),
                    texts, exact);
        }
    }
}
