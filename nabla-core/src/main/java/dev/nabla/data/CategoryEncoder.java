package dev.nabla.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A category column: its training levels, with "other" for levels seen in too few training rows (and, at
 * prediction, for levels never seen) and "missing" for empty cells. Either one-hot — one 0/1 column per level, and
 * for other and missing when training had them — or, for many levels, one column holding the level's code
 * (0…L−1 the levels, L other, L+1 missing) for a learned embedding of {@code dimension} numbers.
 *
 */
public final class CategoryEncoder implements Encoder {
    public static final String OTHER = "<other>";
    public static final String MISSING = "<missing>";

    private final String column;
    private final List<String> levels;
    private final boolean other;
    private final boolean missing;
    private final int dimension;
    /** Level → index, looked up by characters (a row encoded cell by cell has no string); built once, then read. */
    private final CharTable byChars = new CharTable();
    /** float32 bits (−0 as +0), ascending, of the levels that are numbers' level names, and their indices. */
    private final int[] numberBits;
    private final int[] numberIndex;

    public CategoryEncoder(String column, List<String> levels, boolean other, boolean missing, int dimension) {
        this.column = column;
        this.levels = List.copyOf(levels);
        this.other = other;
        this.missing = missing;
        this.dimension = dimension;
        if (dimension < 0) {
            throw new IllegalArgumentException("column '" + column + "': embedding dimension " + dimension);
        }
        if (this.levels.isEmpty() && !other && !missing) {
            throw new IllegalArgumentException("column '" + column + "': a category needs at least one level");
        }
        for (int k = 0; k < this.levels.size(); k++) {
            if (indexOf(this.levels.get(k)) >= 0) {
                throw new IllegalArgumentException("column '" + column + "': level '" + this.levels.get(k)
                        + "' listed twice");
            }
            byChars.put(this.levels.get(k), k);
        }
        long[] numbers = new long[this.levels.size()];
        int n = 0;
        for (int k = 0; k < this.levels.size(); k++) {
            String level = this.levels.get(k);
            double v = Numbers.parse(level);
            if (!Double.isNaN(v) && Math.abs(v) <= Float.MAX_VALUE && Table.levelOf((float) v).equals(level)) {
                numbers[n++] = (long) Float.floatToIntBits((float) v + 0f) << 32 | k;
            }
        }
        java.util.Arrays.sort(numbers, 0, n);
        numberBits = new int[n];
        numberIndex = new int[n];
        for (int m = 0; m < n; m++) {
            numberBits[m] = (int) (numbers[m] >> 32);
            numberIndex[m] = (int) numbers[m];
        }
    }

    @Override
    public String column() {
        return column;
    }

    /** The levels kept, most frequent first. */
    public List<String> levels() {
        return levels;
    }

    /** Whether training folded rare levels into "other". */
    public boolean other() {
        return other;
    }

    /** Whether training had missing cells. */
    public boolean missing() {
        return missing;
    }

    /** 0 for one-hot; the embedding width otherwise. */
    public int dimension() {
        return dimension;
    }

    /** Fits the levels on {@code rows} of {@code c}, as {@link #fit(ColumnProfile, int, int)}. */
    static CategoryEncoder fit(Table.Column c, int[] rows, int minRows, int maxOneHot) {
        return fit(ColumnProfile.of(c, rows, ColumnProfile.LEVELS), minRows, maxOneHot);
    }

    /**
     * Fits the levels of a column with this profile: levels in at least {@code minRows} rows are kept, most frequent
     * first (ties by name); one-hot when the columns needed are at most {@code maxOneHot}, else an embedding.
     */
    static CategoryEncoder fit(ColumnProfile c, int minRows, int maxOneHot) {
        Map<String, Long> counts = c.levels();
        boolean missing = c.missing() > 0;
        List<String> kept = new ArrayList<>();
        boolean other = false;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() >= minRows) {
                kept.add(e.getKey());
            } else {
                other = true;
            }
        }
        kept.sort((a, b) -> {
            int byCount = Long.compare(counts.get(b), counts.get(a));
            return byCount != 0 ? byCount : a.compareTo(b);
        });
        int oneHotColumns = kept.size() + (other ? 1 : 0) + (missing ? 1 : 0);
        int dimension = oneHotColumns <= maxOneHot ? 0 : embeddingDimension(kept.size() + 2);
        return new CategoryEncoder(c.name(), kept, other, missing, dimension);
    }

    /** fast.ai's rule of thumb, min(600, 1.6·L^0.56), capped at 32 for tables of this size. */
    static int embeddingDimension(int levels) {
        return (int) Math.min(32, Math.round(1.6 * Math.pow(levels, 0.56)));
    }

    /** Whether this column is a code for an embedding rather than one-hot columns. */
    public boolean embedded() {
        return dimension > 0;
    }

    /** Codes of an embedded column: the levels, then other, then missing. */
    public int codes() {
        return levels.size() + 2;
    }

    @Override
    public int width() {
        return embedded() ? 1 : levels.size() + (other ? 1 : 0) + (missing ? 1 : 0);
    }

    @Override
    public List<String> names() {
        if (embedded()) {
            return List.of(column);
        }
        List<String> out = new ArrayList<>();
        levels.forEach(l -> out.add(column + "=" + l));
        if (other) {
            out.add(column + "=" + OTHER);
        }
        if (missing) {
            out.add(column + "=" + MISSING);
        }
        return out;
    }

    @Override
    public boolean scaled(int k) {
        return false;
    }

    /** Into a new (zeroed) matrix, as {@link Pipeline#encode} makes. */
    @Override
    public Rows rows(Table.Column c) {
        // Each distinct text of this column is looked up once; a cell is then an array access.
        int[] byCode = new int[c.distinctTexts()];
        for (int k = 0; k < byCode.length; k++) {
            byCode[k] = indexOf(c.texts().get(k));
        }
        return (out, width, offset, from, to) -> {
            for (int i = from; i < to; i++) {
                int code = c.code(i);
                boolean isMissing = code < 0 && c.isMissing(i);
                int k = code >= 0 ? byCode[code] : isMissing ? -1 : numberIndex(c, i);
                put(k, isMissing, out, i * width + offset, false);
            }
        };
    }

    /** The index of number cell {@code i}'s level ({@link Table.Column#level}), found without making its name. */
    private int numberIndex(Table.Column c, int i) {
        String exact = c.exactText(i);
        return exact != null ? indexOf(exact) : indexOf(c.number(i));
    }

    /** The index of a level, or −1 if not kept. */
    int indexOf(String level) {
        char[] chars = level.toCharArray();
        return indexOf(chars, 0, chars.length);
    }

    /** The index of a text's level ({@code buf[offset, offset + length)}, its blanks already stripped), or −1. */
    int indexOf(char[] buf, int offset, int length) {
        int k = byChars.get(buf, offset, length);
        return k == CharTable.ABSENT ? -1 : k;
    }

    /** The index of the level of number {@code v} ({@link Table.Column#level}), or −1 if not kept. */
    int indexOf(float v) {
        int at = java.util.Arrays.binarySearch(numberBits, Float.floatToIntBits(v + 0f));
        return at < 0 ? -1 : numberIndex[at];
    }

    /**
     * Writes level {@code k} — or, when k is −1, "missing" for a missing cell and "other" for a level not kept —
     * into {@code out[offset …]}: the code of an embedded column, else the one-hot 1, after zeroing the one-hot
     * columns when {@code clear}. Without an other column an unseen level sets no column, nor does a missing cell
     * when training had neither.
     */
    void put(int k, boolean missingCell, float[] out, int offset, boolean clear) {
        if (embedded()) {
            out[offset] = k >= 0 ? k : missingCell ? levels.size() + 1 : levels.size();
            return;
        }
        if (clear) {
            java.util.Arrays.fill(out, offset, offset + width(), 0f);
        }
        if (k >= 0) {
            out[offset + k] = 1f;
        } else if (missingCell && missing) {
            out[offset + levels.size() + (other ? 1 : 0)] = 1f;
        } else if (other) {
            out[offset + levels.size()] = 1f;
        }
    }

    @Override
    public String describe() {
        String shown = levels.size() <= 5 ? String.join(", ", levels)
                : String.join(", ", levels.subList(0, 5)) + ", …";
        return column + ": category, " + levels.size() + " levels (" + shown + ")" + (other ? " + other" : "")
                + (missing ? " + missing" : "") + (embedded() ? ", embedded in " + dimension : ", one-hot");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoryEncoder e && column.equals(e.column) && levels.equals(e.levels) && other == e.other
                && missing == e.missing && dimension == e.dimension;
    }

    @Override
    public int hashCode() {
        return Objects.hash(column, levels, other, missing, dimension);
    }
}
