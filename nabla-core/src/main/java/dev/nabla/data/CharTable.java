package dev.nabla.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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

    /** Four chars read as one word: a text is hashed a word at a time, not a char at a time. */
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long MIX = 0x9E3779B97F4A7C15L;

    /** A hash of the text: its words and its last chars multiplied in one by one, then mixed (MurmurHash3's end). */
    static int hash(char[] buf, int offset, int length) {
        long h = length;
        int k = 0;
        if (length >= 4) {
            MemorySegment chars = MemorySegment.ofArray(buf);
            for (; k + 4 <= length; k += 4) {
                h = (h ^ chars.get(WORD, 2L * (offset + k))) * MIX;
            }
        }
        for (; k < length; k++) {
            h = (h ^ buf[offset + k]) * MIX;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return (int) (h ^ h >>> 33);
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
            if (hashes[e] == h && same(keys[e], buf, offset, length)) {
                return values[e];
            }
        }
    }

    /** Whether {@code key} holds the text (a short text is compared faster in a loop than by Arrays.equals). */
    private static boolean same(char[] key, char[] buf, int offset, int length) {
        if (key.length != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (key[k] != buf[offset + k]) {
                return false;
            }
        }
        return true;
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
