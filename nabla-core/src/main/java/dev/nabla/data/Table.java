package dev.nabla.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table as read, column by column, before any column is given a kind: each cell is a number, a text (as a code
 * into its column's distinct texts) or missing. Numbers are kept as parsed (not as text), so a million numeric
 * rows cost four bytes a cell; texts are kept once per distinct value.
 */
public final class Table {
    private final String source;
    private final List<Column> columns;
    private final long[] lines;
    private final String sha256;

    Table(String source, List<Column> columns, long[] lines, String sha256) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.lines = lines;
        this.sha256 = sha256;
    }

    /** SHA-256 of the file as stored, in hex (for a model's provenance). */
    public String sha256() {
        return sha256;
    }

    /** One column's cells: {@code numbers[i]} when the cell is a number, else {@code codes[i]} ≥ 0 for a text. */
    public static final class Column {
        private final String name;
        private final float[] numbers;
        /** Null when the column holds no text at all. */
        private final int[] codes;
        private final List<String> texts;
        /** Row → text of the integers a float cannot hold exactly (beyond 2²⁴), whose level is their text; rare. */
        private final Map<Integer, String> exact;

        Column(String name, float[] numbers, int[] codes, List<String> texts, Map<Integer, String> exact) {
            this.name = name;
            this.numbers = numbers;
            this.codes = codes;
            this.texts = List.copyOf(texts);
            this.exact = Map.copyOf(exact);
        }

        public String name() {
            return name;
        }

        public int rows() {
            return numbers.length;
        }

        /** Whether cell {@code i} is missing (empty or one of the missing-value tokens). */
        public boolean isMissing(int i) {
            return Float.isNaN(numbers[i]) && (codes == null || codes[i] < 0);
        }

        /** Whether cell {@code i} is a text that is not a number. */
        public boolean isText(int i) {
            return codes != null && codes[i] >= 0;
        }

        /** The number in cell {@code i} (NaN when it is missing or a text). */
        public float number(int i) {
            return numbers[i];
        }

        /**
         * Cell {@code i} as a category level: its text, or for a number its shortest decimal form ({@code 2007},
         * {@code 1.5}), or null when missing. Prediction reads levels the same way, so "1" and "1.0" are one level.
         * An integer that float32 cannot hold exactly (beyond 2²⁴, e.g. an identifier or {@code 10000000000000000001})
         * keeps its text as its level, so that two such labels never become one class.
         */
        public String level(int i) {
            if (isText(i)) {
                return texts.get(codes[i]);
            }
            float v = numbers[i];
            if (Float.isNaN(v)) {
                return null;
            }
            String text = exactText(i);
            return text != null ? text : levelOf(v);
        }

        /** The text of cell {@code i} when it is an integer float32 cannot hold exactly (its level), else null. */
        String exactText(int i) {
            return exact.isEmpty() ? null : exact.get(i);
        }

        /** The number of distinct texts that are not numbers. */
        public int distinctTexts() {
            return texts.size();
        }

        /** The code of cell {@code i}'s text (an index into {@link #texts()}), or −1 for a number or a missing cell. */
        public int code(int i) {
            return codes == null ? -1 : codes[i];
        }

        /** The distinct texts of the column, in order of first appearance. */
        public List<String> texts() {
            return texts;
        }

        Column subset(int[] rows) {
            float[] n = new float[rows.length];
            int[] c = codes == null ? null : new int[rows.length];
            Map<Integer, String> e = new HashMap<>();
            for (int k = 0; k < rows.length; k++) {
                n[k] = numbers[rows[k]];
                if (c != null) {
                    c[k] = codes[rows[k]];
                }
                String text = exactText(rows[k]);
                if (text != null) {
                    e.put(k, text);
                }
            }
            return new Column(name, n, c, texts, e);
        }
    }

    /** The level name of a number: integral values without a fraction, others in Java's shortest float form. */
    static String levelOf(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Float.toString(v);
    }

    /** Up to six names for a message: {@code a, b, c, d, e, … z}. */
    public static String abbreviate(List<String> names) {
        List<String> shown = names.stream().map(TableReader::shorten).toList();
        return shown.size() <= 6 ? String.join(", ", shown)
                : String.join(", ", shown.subList(0, 5)) + ", … " + shown.get(shown.size() - 1);
    }

    /** The file or stream the table came from, for messages. */
    public String source() {
        return source;
    }

    public int rows() {
        return lines.length;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> names() {
        List<String> out = new ArrayList<>(columns.size());
        columns.forEach(c -> out.add(c.name()));
        return out;
    }

    /** The column called {@code name}, or null. */
    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The file line on which data row {@code i} starts. */
    public long line(int i) {
        return lines[i];
    }

    Table withDigest(String digest) {
        return new Table(source, columns, lines, digest);
    }

    /** The rows at {@code rows}, in that order. */
    public Table subset(int[] rows) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.subset(rows));
        }
        long[] l = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            l[k] = lines[rows[k]];
        }
        return new Table(source, out, l, sha256);
    }

    /** The rows whose cell in {@code column} is not missing. */
    public int[] present(Column column) {
        int[] keep = new int[rows()];
        int n = 0;
        for (int i = 0; i < rows(); i++) {
            if (!column.isMissing(i)) {
                keep[n++] = i;
            }
        }
        return Arrays.copyOf(keep, n);
    }

    /** A one-line error at data row {@code i} of {@code column}: {@code file:line:column (column 'x'): what}. */
    public DataException cellError(int i, String column, String what) {
        return new DataException(source + ":" + lines[i] + ":" + (names().indexOf(column) + 1) + " (column '" + TableReader.shorten(column)
                + "'): " + what);
    }
}
