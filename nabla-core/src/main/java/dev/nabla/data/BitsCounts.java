package dev.nabla.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Counts by an int key (a float's bits), in one open-addressing table of primitives: a profile counts every numeric
 * cell of a column here until it holds its limit of distinct values, and a boxed map made that the data path's
 * largest cost after parsing.
 */
final class BitsCounts {
    /** Receives one key and its count. */
    @FunctionalInterface
    interface Entry {
        void accept(int key, long count);
    }

    private int[] keys = new int[16];
    private long[] counts = new long[16];
    /** Slots in use; a count of 0 marks a free slot (every stored count is positive). */
    private int size;

    /** Adds {@code n} (positive) to the count of {@code key}. */
    void add(int key, long n) {
        int mask = keys.length - 1;
        int s = mix(key) & mask;
        while (counts[s] != 0) {
            if (keys[s] == key) {
                counts[s] += n;
                return;
            }
            s = (s + 1) & mask;
        }
        keys[s] = key;
        counts[s] = n;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    int size() {
        return size;
    }

    void clear() {
        keys = new int[16];
        counts = new long[16];
        size = 0;
    }

    void forEach(Entry action) {
        for (int s = 0; s < keys.length; s++) {
            if (counts[s] != 0) {
                action.accept(keys[s], counts[s]);
            }
        }
    }

    /** Writes the entries: their number, then each key and count. */
    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int s = 0; s < keys.length; s++) {
            if (counts[s] != 0) {
                out.writeInt(keys[s]);
                out.writeLong(counts[s]);
            }
        }
    }

    /** Adds the entries {@link #write} wrote. */
    void read(DataInput in) throws IOException {
        for (int k = in.readInt(); k > 0; k--) {
            add(in.readInt(), in.readLong());
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        counts = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldCounts[s] != 0) {
                int t = mix(oldKeys[s]) & mask;
                while (counts[t] != 0) {
                    t = (t + 1) & mask;
                }
                keys[t] = oldKeys[s];
                counts[t] = oldCounts[s];
            }
        }
    }

    /** Float bits differ mostly in their high bits: spread them over the low ones. */
    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
