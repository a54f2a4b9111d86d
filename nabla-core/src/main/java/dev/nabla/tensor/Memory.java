package dev.nabla.tensor;

import java.util.Locale;

/**
 * What the Java heap can hold, asked before an allocation whose size comes from a file or an option, so that too
 * large a network or dataset fails with one sentence naming the size instead of an {@link OutOfMemoryError} after
 * minutes of work.
 */
public final class Memory {
    /** Elements of the largest Java array (a little below 2³¹ − 1, the margin the JDK's own collections keep). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Memory() {
    }

    /** More memory asked for than the heap or one array can hold: the user's to fix (a smaller size, a larger heap). */
    public static final class TooLarge extends RuntimeException {
        private final long needed;

        TooLarge(String message, long needed) {
            super(message);
            this.needed = needed;
        }

        /** The same refusal with {@code context} (an option and its value, a file) before its message. */
        public TooLarge in(String context) {
            return new TooLarge(context + ": " + getMessage(), needed);
        }

        /** The heap in bytes that would do, or 0 when no heap would (one array cannot hold the size). */
        public long needed() {
            return needed;
        }
    }

    /** The largest heap this JVM may grow to, in bytes ({@code -Xmx}). */
    public static long heap() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Fails when {@code bytes} exceed the heap, e.g. {@code "a 2-layer network of 1,600,000,000 parameters needs
     * about 25.6 GB to train; the Java heap holds at most 2.0 GB"}.
     *
     * @param what the subject of the sentence, e.g. {@code "training this network"}
     */
    public static void require(long bytes, String what) {
        if (bytes > heap()) {
            throw new TooLarge(what + " needs about " + format(bytes) + "; the Java heap holds at most "
                    + format(heap()), bytes);
        }
    }

    /** Fails when one array would need more than {@link #MAX_ARRAY} elements. */
    public static void requireArray(long elements, String what) {
        if (elements > MAX_ARRAY || elements < 0) {
            throw new TooLarge(String.format(Locale.ROOT, "%s needs %,d numbers in one tensor, more than a Java array "
                    + "holds (%,d)", what, elements, MAX_ARRAY), 0);
        }
    }

    /** {@code bytes} for people: {@code 25.6 GB}, {@code 512 MB}, {@code 3 KB}. */
    public static String format(long bytes) {
        double gb = bytes / 1e9;
        if (gb >= 1) {
            return String.format(Locale.ROOT, "%.1f GB", gb);
        }
        if (bytes >= 1_000_000) {
            return String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6));
        }
        return String.format(Locale.ROOT, "%d KB", Math.max(1, Math.round(bytes / 1e3)));
    }

    /** {@code a × b}, or {@link Long#MAX_VALUE} when that overflows (sizes from files may be anything). */
    public static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : Long.MAX_VALUE;
    }
}
