package dev.nabla.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
    /** A header line longer than this is not a header; refusing early keeps a binary file from filling memory. */
    private static final int MAX_HEADER_CHARS = 1 << 20;

    private final Tokens missing;
    private final Character delimiter;

    /**
     * @param missing   the missing-value tokens, matched after trimming blanks, case-insensitively
     * @param delimiter the field delimiter, or null to tell it from the header line
     */
    public TableReader(List<String> missing, Character delimiter) {
        Set<String> tokens = new HashSet<>();
        missing.forEach(m -> tokens.add(m.strip().toLowerCase(Locale.ROOT)));
        this.missing = new Tokens(tokens);
        this.delimiter = delimiter;
    }

    /** A reader with the default missing-value tokens and a detected delimiter. */
    public TableReader() {
        this(DEFAULT_MISSING, null);
    }

    /** The missing-value tokens, for cells read one by one ({@link RowEncoder}) and by tests. */
    Tokens missingTokens() {
        return missing;
    }

    /**
     * Reads everything from {@code input} (and closes it). A large plain file is read in two parts at once
     * ({@link SplitRead}); the table, and any error, are those of a reading in one go.
     */
    public Table read(TextInput input) {
        return read(input, SplitRead.MIN_BYTES);
    }

    /** {@link #read(TextInput)}, reading a plain file of at least {@code minBytes} in parts (tests: small files). */
    Table read(TextInput input, long minBytes) {
        Path file = input.plainFile();
        if (file == null || !SplitRead.worthSplitting(file, minBytes)) {
            return readInOneGo(input);
        }
        String source = input.source();
        try {
            char separator;
            try (BufferedReader reader = new BufferedReader(input, 1 << 16)) {
                separator = delimiter != null ? delimiter : detect(reader, source);
            }
            Table table = SplitRead.read(file, source, missing, separator);
            return table != null ? table : readInOneGo(TextInput.open(file));
        } catch (IOException e) {
            throw new DataException(source + ": " + e.getMessage(), e);
        }
    }

    private Table readInOneGo(TextInput input) {
        String source = input.source();
        try (BufferedReader reader = new BufferedReader(input, 1 << 16)) {
            reader.mark(MAX_HEADER_CHARS);
            char separator = delimiter != null ? delimiter : detect(reader, source);
            reader.reset();
            // The parser reads to the end of the input, so the digest covers every byte.
            Cells cells = new Cells(source, missing);
            Table table = read(reader, cells, source, separator);
            if (cells.openQuoteLine() > 0 && !input.endsWithQuote()) {
                // FastCSV closes a quote left open at the end of the input, making the rest of the file one cell: the
                // last record's last field spans lines and the input does not end with the closing quote.
                throw new DataException(source + ":" + cells.openQuoteLine() + ": a quoted field opened on this line is "
                        + "never closed (it runs to the end of the file)");
            }
            return table.withDigest(input.sha256());
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
        ColumnBuilder[] builders = new ColumnBuilder[columns.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < builders.length; j++) {
            builders[j] = new ColumnBuilder(columns.get(j), missing, rows.size());
            index.put(columns.get(j), j);
        }
        long[] lines = new long[rows.size()];
        char[] buf = new char[64];
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
                String text = cell == null ? "" : String.valueOf(cell);
                // One buffer for every cell: a builder copies what it keeps (a level's text), so nothing per cell.
                if (text.length() > buf.length) {
                    buf = new char[Math.max(text.length(), 2 * buf.length)];
                }
                text.getChars(0, text.length(), buf, 0);
                String refused = builders[j].add(buf, 0, text.length());
                if (refused != null) {
                    throw new DataException(source + ": row " + (i + 1) + " (column '" + shorten(columns.get(j)) + "'): "
                            + refused);
                }
            }
            lines[i] = i + 1;
        }
        List<Table.Column> built = new ArrayList<>(builders.length);
        for (ColumnBuilder b : builders) {
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

    private static Table read(BufferedReader reader, Cells cells, String source, char separator) {
        RuntimeException pending = null;
        try (CsvReader<Object> csv = csv(separator).build(cells, reader)) {
            for (Object ignored : csv) {
                continue;
            }
        } catch (RuntimeException e) {
            pending = e;
        } catch (IOException e) {
            pending = new UncheckedIOException(e);
        }
        try {
            return cells.finish(pending);
        } catch (CsvParseException | UncheckedIOException e) {
            if (rootCause(e) instanceof DataException d) {
                throw d;
            }
            throw new DataException(source + ": " + oneLine(rootMessage(e)), e);
        }
    }

    /** FastCSV as every reading of a table sets it up. */
    static CsvReader.CsvReaderBuilder csv(char separator) {
        return CsvReader.builder().fieldSeparator(separator).skipEmptyLines(true).allowExtraFields(true)
                .allowMissingFields(true);
    }

    static List<String> header(List<String> fields, String source, long line) {
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
}
