package dev.nabla.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One column as it is read: numbers where cells parse ({@link Numbers}), codes of distinct texts where they do not.
 * A text is looked up by its characters in the column's own hash table, so a string is made once per distinct
 * text, and whether it is a missing-value token is decided then, not for every cell.
 */
final class ColumnBuilder {
    /** A text's entry: the code of a level, or this for a missing-value token. */
    private static final int MISSING = -1;
    /** Integers up to 2²⁴ are exact in float32; beyond, distinct integers may round to one float. */
    static final double FLOAT_EXACT_INTEGERS = 1 << 24;

    private final String name;
    private final Tokens missingTokens;
    private float[] numbers;
    private int[] codes;
    private int size;
    /** Row → the exact text of an integer float32 cannot hold, so that it keeps its own level. */
    private final Map<Integer, String> exact = new HashMap<>();

    private final List<String> texts = new ArrayList<>();
    /** Each distinct text seen: its level's code, or {@link #MISSING} for a missing-value token. */
    private final CharTable seen = new CharTable();

    ColumnBuilder(String name, Tokens missingTokens) {
        this(name, missingTokens, 1024);
    }

    /** A builder sized for {@code rows} cells: a one-row request allocates a few bytes per column, not 4 KB. */
    ColumnBuilder(String name, Tokens missingTokens, int rows) {
        this.name = name;
        this.missingTokens = missingTokens;
        this.numbers = new float[Math.max(1, rows)];
    }

    /** Adds a cell; returns why it is refused (a number beyond float range, an infinity), or null. */
    String add(char[] buf, int offset, int length) {
        if (size == numbers.length) {
            grow();
        }
        double v = number(buf, offset, length);
        // Most cells: a number float32 holds as it is (kept small, so that the reader's callback inlines it).
        if (Math.abs(v) <= FLOAT_EXACT_INTEGERS) {
            numbers[size] = (float) v;
            if (codes != null) {
                codes[size] = -1;
            }
            size++;
            return null;
        }
        return Double.isNaN(v) ? addText(buf, offset, length) : addLarge(v, buf, offset, length);
    }

    private void grow() {
        numbers = Arrays.copyOf(numbers, size * 2);
        if (codes != null) {
            codes = Arrays.copyOf(codes, size * 2);
        }
    }

    /** A number beyond 2²⁴: refused beyond float range, its exact text kept when float32 cannot hold it. */
    private String addLarge(double v, char[] buf, int offset, int length) {
        if (Math.abs(v) > Float.MAX_VALUE) {
            return beyondRange(buf, offset, length);
        }
        numbers[size] = (float) v;
        if (codes != null) {
            codes[size] = -1;
        }
        if (needsExactText(v)) {
            exact.put(size, exactText(buf, offset, length));
        }
        size++;
        return null;
    }

    /** A text: its level's code, or missing (an empty cell, a missing-value token); an infinity is refused. */
    private String addText(char[] buf, int offset, int length) {
        numbers[size] = Float.NaN;
        int start = stripStart(buf, offset, offset + length);
        int end = stripEnd(buf, start, offset + length);
        int code = start == end ? MISSING : lookUp(buf, start, end - start);
        if (code == Integer.MIN_VALUE) {
            return notFinite(buf, start, end - start);
        }
        if (code != MISSING || codes != null) {
            if (codes == null) {
                codes = new int[numbers.length];
                Arrays.fill(codes, 0, size, -1);
            }
            codes[size] = code;
        }
        size++;
        return null;
    }

    /** The cell's number ({@link Numbers}' grammar), or NaN when it is a text or blank. */
    static double number(char[] buf, int offset, int length) {
        // A cell whose first character cannot start a number (after blanks) is a text: no parse tried.
        return length > 0 && !mayStartNumber(buf[offset]) ? Double.NaN : Numbers.parse(buf, offset, length);
    }

    private static boolean mayStartNumber(char c) {
        return c <= ' ' || (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }

    /** What a text that is not a number nor blank (its blanks stripped) is, by the rules a file's cell is read with. */
    enum TextKind {
        /** A spelling of infinity: refused (even where it is also a missing-value token). */
        INFINITE,
        /** A missing-value token. */
        MISSING,
        /** A category level. */
        LEVEL;

        static TextKind of(char[] buf, int offset, int length, Tokens missingTokens) {
            if (Tokens.INFINITY.matches(buf, offset, length)) {
                return INFINITE;
            }
            return missingTokens.matches(buf, offset, length) ? MISSING : LEVEL;
        }
    }

    /** The text's code, {@link #MISSING} for a missing-value token, or {@code Integer.MIN_VALUE} for an infinity. */
    private int lookUp(char[] buf, int offset, int length) {
        int h = CharTable.hash(buf, offset, length);
        int known = seen.get(buf, offset, length, h);
        if (known != CharTable.ABSENT) {
            return known;
        }
        TextKind kind = TextKind.of(buf, offset, length, missingTokens);
        if (kind == TextKind.INFINITE) {
            return Integer.MIN_VALUE;
        }
        int value = MISSING;
        if (kind == TextKind.LEVEL) {
            value = texts.size();
            texts.add(new String(buf, offset, length));
        }
        seen.put(buf, offset, length, h, value);
        return value;
    }

    /** Why a number cell beyond float32's range is refused. */
    static String beyondRange(char[] buf, int offset, int length) {
        return "'" + TableReader.shorten(new String(buf, offset, length).strip()) + "' is beyond float32's range (±3.4e38)";
    }

    /** Why a spelling of infinity is refused (the text without its surrounding blanks). */
    static String notFinite(char[] buf, int offset, int length) {
        return "'" + new String(buf, offset, length) + "' is not a finite number";
    }

    /** Whether a number's level must be its text: an integer beyond 2²⁴ that float32 cannot hold exactly. */
    static boolean needsExactText(double v) {
        return Math.abs(v) > FLOAT_EXACT_INTEGERS && v == Math.rint(v) && (double) (float) v != v;
    }

    /**
     * The exact value in plain decimals, so that "1e19" and "10000000000000000000" are one level; trim() drops the
     * control characters the number grammar skips, as strip() would not.
     */
    static String exactText(char[] buf, int offset, int length) {
        return new java.math.BigDecimal(new String(buf, offset, length).trim()).stripTrailingZeros().toPlainString();
    }

    /** The first character of {@code buf[start, end)} that is not a blank (String.strip's whitespace). */
    static int stripStart(char[] buf, int start, int end) {
        while (start < end && isBlank(buf[start])) {
            start++;
        }
        return start;
    }

    /** One past the last character of {@code buf[start, end)} that is not a blank. */
    static int stripEnd(char[] buf, int start, int end) {
        while (end > start && isBlank(buf[end - 1])) {
            end--;
        }
        return end;
    }

    /** {@link Character#isWhitespace}, without its table look-up for the printable ASCII most cells are made of. */
    private static boolean isBlank(char c) {
        return (c <= ' ' || c >= 0x80) && Character.isWhitespace(c);
    }

    /**
     * This builder's {@code rows} cells followed by {@code next}'s {@code nextRows} (the rest of the file, read apart),
     * as one column of this builder's name: {@code next}'s texts get the codes a reading in one go gives them (first
     * appearance). Consumes both builders.
     */
    Table.Column join(int rows, ColumnBuilder next, int nextRows) {
        int[] remap = new int[next.texts.size()];
        for (int k = 0; k < remap.length; k++) {
            char[] text = next.texts.get(k).toCharArray();
            remap[k] = lookUp(text, 0, text.length);
        }
        float[] n = Arrays.copyOf(numbers, rows + nextRows);
        System.arraycopy(next.numbers, 0, n, rows, nextRows);
        int[] c = null;
        if (codes != null || next.codes != null) {
            c = codes != null ? Arrays.copyOf(codes, rows + nextRows) : new int[rows + nextRows];
            if (codes == null) {
                Arrays.fill(c, 0, rows, -1);
            }
            for (int i = 0; i < nextRows; i++) {
                int code = next.codes == null ? -1 : next.codes[i];
                c[rows + i] = code < 0 ? code : remap[code];
            }
        }
        Map<Integer, String> e = new HashMap<>(exact);
        next.exact.forEach((row, text) -> e.put(rows + row, text));
        return new Table.Column(name, n, c, texts, e);
    }

    Table.Column build(int rows) {
        return new Table.Column(name, Arrays.copyOf(numbers, rows), codes == null ? null : Arrays.copyOf(codes, rows),
                texts, exact);
    }
}
