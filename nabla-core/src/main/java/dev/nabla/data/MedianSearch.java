package dev.nabla.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact medians of number columns whose rows lie in many parts (a cluster's partitions), by {@link RadixSelect}
 * in two passes over the parts: each part counts its numbers by their upper 16 bits ({@link #upper}); the summed
 * counts tell each middle rank's bucket ({@link #buckets}); each part counts the numbers of those buckets by their
 * lower 16 bits ({@link #lower}); the summed counts give the medians ({@link #medians}) — the very values
 * {@link Pipeline#fit(Table, int[], Schema, TableOptions)} finds on one machine. Counts are added in any order.
 */
public final class MedianSearch {
    private final List<String> columns;
    private final long[] counts;

    /** A search for the medians of {@code columns}, whose numbers the profile counted. */
    public MedianSearch(TableProfile profile, List<String> columns) {
        this.columns = List.copyOf(columns);
        counts = new long[columns.size()];
        for (int j = 0; j < counts.length; j++) {
            counts[j] = profile.column(columns.get(j)).numbers();
        }
    }

    public List<String> columns() {
        return columns;
    }

    /** Pass 1 in a part: the upper-bits counts of each column's numbers among {@code rows}, one after another. */
    public static long[] upper(Table part, int[] rows, List<String> columns) {
        long[] out = new long[columns.size() * RadixSelect.BUCKETS];
        for (int j = 0; j < columns.size(); j++) {
            float[] v = numbers(part.column(columns.get(j)), rows);
            System.arraycopy(RadixSelect.upper(v, v.length), 0, out, j * RadixSelect.BUCKETS, RadixSelect.BUCKETS);
        }
        return out;
    }

    /**
     * The upper buckets of each column's two middle ranks (n/2, then n/2 − 1, the same for an odd count; −1 without
     * numbers), from the summed counts of pass 1.
     */
    public int[] buckets(long[] upper) {
        int[] out = new int[2 * columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            System.arraycopy(RadixSelect.middleBuckets(upper, j * RadixSelect.BUCKETS, counts[j]), 0, out, 2 * j, 2);
        }
        return out;
    }

    /** Pass 2 in a part: per column and bucket of {@link #buckets}, the lower-bits counts of its numbers there. */
    public static long[] lower(Table part, int[] rows, List<String> columns, int[] buckets) {
        long[] out = new long[buckets.length * RadixSelect.BUCKETS];
        for (int j = 0; j < columns.size(); j++) {
            float[] v = numbers(part.column(columns.get(j)), rows);
            System.arraycopy(RadixSelect.lower(v, v.length, buckets[2 * j], buckets[2 * j + 1]), 0, out,
                    2 * j * RadixSelect.BUCKETS, 2 * RadixSelect.BUCKETS);
        }
        return out;
    }

    /** Each column's median from the summed counts of both passes (0 for a column without numbers). */
    public Map<String, Float> medians(long[] upper, long[] lower) {
        int[] buckets = buckets(upper);
        Map<String, Float> out = new HashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            int[] middle = {buckets[2 * j], buckets[2 * j + 1]};
            out.put(columns.get(j), RadixSelect.median(counts[j], upper, j * RadixSelect.BUCKETS, middle, lower,
                    2 * j * RadixSelect.BUCKETS));
        }
        return out;
    }

    /** The numbers of {@code rows} of {@code c} (missing cells and texts left out). */
    static float[] numbers(Table.Column c, int[] rows) {
        float[] present = new float[rows.length];
        return java.util.Arrays.copyOf(present, numbers(c, rows, present));
    }

    /** Puts the numbers of {@code rows} of {@code c} at the start of {@code into}; returns how many there are. */
    static int numbers(Table.Column c, int[] rows, float[] into) {
        int n = 0;
        for (int i : rows) {
            float v = c.number(i);
            if (!Float.isNaN(v)) {
                into[n++] = v;
            }
        }
        return n;
    }
}
