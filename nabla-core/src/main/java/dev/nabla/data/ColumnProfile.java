package dev.nabla.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What kind inference and encoder fitting need to know of one column's cells among some rows — counts of missing,
 * numeric and text cells, whether the numbers are integers, their least, greatest and exact sum, and each distinct
 * level's count — in a form that adds up: the profiles of two sets of rows merged are the profile of their union,
 * whatever the order, so a cluster's partitions can be profiled apart. Levels are counted up to {@code limit}
 * distinct ones; from there on the profile only knows that there are {@link #many()} (a column whose levels cannot
 * matter is profiled with a limit of 2, enough to tell a constant).
 */
public final class ColumnProfile {
    /** Distinct levels counted for a column that may be a category; a column with more is an identifier. */
    public static final int LEVELS = 1 << 16;

    private final String name;
    private final int limit;
    private long missing;
    private long numbers;
    private long texts;
    private boolean integers = true;
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private final ExactSum sum;
    /** Texts (and integers beyond 2²⁴, by their text) → count. */
    private final Map<String, Long> named = new HashMap<>();
    /** Other numbers, by their bits (−0 as +0) → count. */
    private final BitsCounts valued = new BitsCounts();
    private boolean many;

    /** An empty profile of column {@code name}, counting levels up to {@code limit}. */
    public ColumnProfile(String name, int limit) {
        this(name, limit, new ExactSum());
    }

    private ColumnProfile(String name, int limit, ExactSum sum) {
        if (limit < 2) {
            throw new IllegalArgumentException("a level limit of " + limit);
        }
        this.name = name;
        this.limit = limit;
        this.sum = sum;
    }

    /** The profile of {@code rows} of {@code c}. */
    public static ColumnProfile of(Table.Column c, int[] rows, int limit) {
        ColumnProfile p = new ColumnProfile(c.name(), limit);
        // Texts are counted by their reader's code, and their levels once per distinct text; a text cell's number is
        // NaN, so the numbers' loop counts it as missing, and the texts are taken off that count.
        if (c.distinctTexts() > 0) {
            long[] byCode = new long[c.distinctTexts()];
            for (int i : rows) {
                int code = c.code(i);
                if (code >= 0) {
                    byCode[code]++;
                }
            }
            for (int k = 0; k < byCode.length; k++) {
                if (byCode[k] > 0) {
                    p.texts += byCode[k];
                    p.count(c.texts().get(k), byCode[k]);
                }
            }
        }
        // Kept in locals: the loop runs over every cell of the training rows.
        long notNumbers = 0;
        boolean integers = true;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i : rows) {
            float v = c.number(i);
            if (Float.isNaN(v)) {
                notNumbers++;
                continue;
            }
            boolean integer = v == Math.rint(v);
            integers &= integer;
            min = Math.min(min, v);
            max = Math.max(max, v);
            p.sum.add(v);
            if (!p.many) {
                p.countNumber(c, i, v, integer);
            }
        }
        p.missing = notNumbers - p.texts;
        p.numbers = rows.length - notNumbers;
        p.integers = integers;
        p.min = min;
        p.max = max;
        return p;
    }

    /** Counts number {@code v} of cell {@code i} of {@code c} as a level (by its bits, or its text beyond 2²⁴). */
    private void countNumber(Table.Column c, int i, float v, boolean integer) {
        // From 2²⁴ on, integers are not all held exactly by a float: their level is their text.
        if (integer && Math.abs(v) >= ColumnBuilder.FLOAT_EXACT_INTEGERS) {
            count(c.level(i), 1);
        } else {
            valued.add(Float.floatToIntBits(v + 0f), 1);
            checkLimit();
        }
    }

    private void count(String level, long n) {
        if (!many) {
            named.merge(level, n, Long::sum);
            checkLimit();
        }
    }

    private void checkLimit() {
        if (named.size() + valued.size() >= limit) {
            many = true;
            named.clear();
            valued.clear();
        }
    }

    /** Adds the counts of another profile of the same column (and limit). */
    public void merge(ColumnProfile other) {
        if (!name.equals(other.name) || limit != other.limit) {
            throw new IllegalArgumentException("profiles of '" + name + "' and '" + other.name + "' do not merge");
        }
        missing += other.missing;
        numbers += other.numbers;
        texts += other.texts;
        integers &= other.integers;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sum.add(other.sum);
        many |= other.many;
        if (!many) {
            other.named.forEach((k, n) -> named.merge(k, n, Long::sum));
            other.valued.forEach(valued::add);
            checkLimit();
        } else {
            named.clear();
            valued.clear();
        }
    }

    public String name() {
        return name;
    }

    /** Missing cells. */
    public long missing() {
        return missing;
    }

    /** Cells holding a number. */
    public long numbers() {
        return numbers;
    }

    /** Cells holding a text that is not a number. */
    public long texts() {
        return texts;
    }

    /** Whether every number is an integer. */
    public boolean integers() {
        return integers;
    }

    /** The least number (+∞ without numbers). */
    public float min() {
        return min;
    }

    /** The greatest number (−∞ without numbers). */
    public float max() {
        return max;
    }

    /** The mean of the numbers from their exact sum (0 without numbers). */
    public float mean() {
        return numbers == 0 ? 0f : (float) (sum.value() / numbers);
    }

    /** Whether the cells hold at least the limit's number of distinct levels, which are then not known. */
    public boolean many() {
        return many;
    }

    /** Distinct levels (texts and numbers), when not {@link #many()}. */
    public int distinct() {
        return named.size() + valued.size();
    }

    /**
     * Each level's count: a text as it is, a number as its level name ({@link Table.Column#level}), so "1" and "1.0"
     * are one level.
     */
    public Map<String, Long> levels() {
        if (many) {
            throw new IllegalStateException("column '" + name + "' has too many levels to count");
        }
        Map<String, Long> out = new HashMap<>(named);
        valued.forEach((bits, n) -> out.merge(Table.levelOf(Float.intBitsToFloat(bits)), n, Long::sum));
        return out;
    }

    void write(DataOutput out) throws IOException {
        TableProfile.writeText(out, name);
        out.writeInt(limit);
        out.writeLong(missing);
        out.writeLong(numbers);
        out.writeLong(texts);
        out.writeBoolean(integers);
        out.writeFloat(min);
        out.writeFloat(max);
        sum.write(out);
        out.writeBoolean(many);
        out.writeInt(named.size());
        for (Map.Entry<String, Long> e : named.entrySet()) {
            TableProfile.writeText(out, e.getKey());
            out.writeLong(e.getValue());
        }
        valued.write(out);
    }

    static ColumnProfile read(DataInput in) throws IOException {
        String name = TableProfile.readText(in);
        int limit = in.readInt();
        long missing = in.readLong();
        long numbers = in.readLong();
        long texts = in.readLong();
        boolean integers = in.readBoolean();
        float min = in.readFloat();
        float max = in.readFloat();
        ColumnProfile p = new ColumnProfile(name, limit, ExactSum.read(in));
        p.missing = missing;
        p.numbers = numbers;
        p.texts = texts;
        p.integers = integers;
        p.min = min;
        p.max = max;
        p.many = in.readBoolean();
        for (int k = in.readInt(); k > 0; k--) {
            p.named.put(TableProfile.readText(in), in.readLong());
        }
        p.valued.read(in);
        return p;
    }
}
