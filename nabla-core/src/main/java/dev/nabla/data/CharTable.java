package dev.nabla.data;

import java.util.Arrays;

/**
 * Texts looked up by their characters, {@code buf[offset, offset + length)}, without making a string: open
 * addressing with linear probing over a power-of-two slot array. Once filled it is only read, so many threads may
 * look up at once.
 */
final class CharTable {
    /** What {@link #get} answers for a text the table does not hold. */
    static final int ABSENT = Integer.MIN_VALUE + 1;

    /** Slot → entry + 1 (0 is free). */
    private int[] slots = new int[64];
    private char[][] keys = new char[16][];
    private int[] hashes = new int[16];
    private int[] values = new int[16];
    private int entries;

    static int hash(char[] buf, int offset, int length) {
        int h = 1;
        for (int k = 0; k < length; k++) {
            h = 31 * h + buf[offset + k];
        }
        return h ^ h >>> 16;
    }

    /** The value of the text, or {@link #ABSENT}. */
    int get(char[] buf, int offset, int length) {
        return get(buf, offset, length, hash(buf, offset, length));
    }

    /** As {@link #get(char[], int, int)}, with the text's {@link #hash} already computed. */
    int get(char[] buf, int offset, int length, int h) {
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int e = slots[s] - 1;
            if (e < 0) {
                return ABSENT;
            }
            if (hashes[e] == h && Arrays.equals(keys[e], 0, keys[e].length, buf, offset, offset + length)) {
                return values[e];
            }
        }
    }

    /** Adds a text the table does not hold yet (its characters are copied). */
    void put(char[] buf, int offset, int length, int h, int value) {
        if (entries == keys.length) {
            keys = Arrays.copyOf(keys, entries * 2);
            hashes = Arrays.copyOf(hashes, entries * 2);
            values = Arrays.copyOf(values, entries * 2);
        }
        keys[entries] = Arrays.copyOfRange(buf, offset, offset + length);
        hashes[entries] = h;
        values[entries] = value;
        entries++;
        if (entries * 2 > slots.length) {
            slots = new int[slots.length * 2];
            for (int e = 0; e < entries; e++) {
                place(e);
            }
        } else {
            place(entries - 1);
        }
    }

    /** Adds {@code text} with {@code value}. */
    void put(String text, int value) {
        char[] chars = text.toCharArray();
        put(chars, 0, chars.length, hash(chars, 0, chars.length), value);
    }

    private void place(int e) {
        int mask = slots.length - 1;
        int s = hashes[e] & mask;
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = e + 1;
    }
}
