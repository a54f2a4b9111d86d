package dev.nabla.data;

import java.util.function.LongFunction;

/**
 * The k-th smallest of many floats by radix selection on their bits ordered as integers: a histogram of the upper 16
 * bits finds the k-th's bucket, a histogram of the lower 16 bits within that bucket the k-th itself. Histograms are
 * counts, so the parts of a column held in different places can be counted apart and added: the same steps find a
 * median on one machine ({@link #median(float[], int)}) and over a cluster's partitions.
 */
public final class RadixSelect {
    /** Buckets of a histogram: 2¹⁶. */
    public static final int BUCKETS = 1 << 16;

    private RadixSelect() {
    }

    /**
     * Where the k-th smallest lies in a histogram.
     *
     * @param bucket the bucket holding it
     * @param rank   its rank among that bucket's values
     */
    public record Position(int bucket, long rank) {
    }

    /** Counts of values[0, n) by their upper 16 bits. */
    public static long[] upper(float[] values, int n) {
        long[] counts = new long[BUCKETS];
        for (int i = 0; i < n; i++) {
            counts[ordered(values[i]) >>> 16]++;
        }
        return counts;
    }

    /**
     * Counts of the values of values[0, n) in upper buckets {@code first} and {@code second} by their lower 16 bits,
     * in one pass: {@code first}'s counts, then {@code second}'s (the same counts twice when they are one bucket).
     */
    public static long[] lower(float[] values, int n, int first, int second) {
        long[] counts = new long[2 * BUCKETS];
        for (int i = 0; i < n; i++) {
            int key = ordered(values[i]);
            int top = key >>> 16;
            if (top == first) {
                counts[key & 0xFFFF]++;
            }
            if (top == second) {
                counts[BUCKETS + (key & 0xFFFF)]++;
            }
        }
        return counts;
    }

    /** The bucket of the k-th smallest (k from 0) of the values a histogram counts, and its rank within it. */
    public static Position locate(long[] counts, long k) {
        return locate(counts, 0, k);
    }

    /** As {@link #locate(long[], long)}, for the histogram at {@code counts[from, from + BUCKETS)}. */
    static Position locate(long[] counts, int from, long k) {
        int b = 0;
        while (k >= counts[from + b]) {
            k -= counts[from + b++];
        }
        return new Position(b, k);
    }

    /** The float whose upper and lower 16 ordered bits these are. */
    public static float value(int upper, int lower) {
        int key = (upper << 16 | lower) ^ Integer.MIN_VALUE;
        return Float.intBitsToFloat(key ^ ((key >> 31) & Integer.MAX_VALUE));
    }

    /**
     * The middle of n values (the mean of the two middle ones for an even count), as numpy and scikit-learn take it,
     * from a function giving the k-th smallest; 0 without values.
     */
    public static float median(long n, LongFunction<Float> kth) {
        if (n == 0) {
            return 0f;
        }
        float upper = kth.apply(n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        return (float) (((double) kth.apply(n / 2 - 1) + upper) / 2);
    }

    /**
     * The median of values[0, n) (no NaN), found in linear time — a million-row column is not worth sorting — in two
     * passes: the upper histogram, then the lower histograms of both middle ranks' buckets.
     */
    static float median(float[] values, int n) {
        long[] upper = upper(values, n);
        int[] middle = middleBuckets(upper, 0, n);
        return median(n, upper, 0, middle, lower(values, n, middle[0], middle[1]), 0);
    }

    /**
     * The upper buckets of the two middle ranks (n/2, then n/2 − 1, the same for an odd count; −1 each without
     * values) of the n values the histogram at {@code upper[from, from + BUCKETS)} counts.
     */
    static int[] middleBuckets(long[] upper, int from, long n) {
        if (n == 0) {
            return new int[] {-1, -1};
        }
        return new int[] {locate(upper, from, n / 2).bucket(),
                locate(upper, from, n % 2 == 1 ? n / 2 : n / 2 - 1).bucket()};
    }

    /**
     * The median of n values from their upper histogram at {@code upper[uFrom …]} and the lower histograms of the
     * {@link #middleBuckets} {@code middle}, the first's at {@code lower[lFrom …]} and the second's after it.
     */
    static float median(long n, long[] upper, int uFrom, int[] middle, long[] lower, int lFrom) {
        return median(n, k -> {
            Position top = locate(upper, uFrom, k);
            int at = lFrom + (top.bucket() == middle[0] ? 0 : BUCKETS);
            return value(top.bucket(), locate(lower, at, top.rank()).bucket());
        });
    }

    /** The float's bits as an int whose unsigned order is the floats' order (−0 before +0). */
    private static int ordered(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (bits ^ ((bits >> 31) & Integer.MAX_VALUE)) ^ Integer.MIN_VALUE;
    }
}
