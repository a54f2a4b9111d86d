package dev.nabla.data;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The quotes and line breaks of a mapped file's start counted a vector of bytes at a time, for {@link SplitRead}.
 * Loaded only where {@link dev.nabla.tensor.Simd#enabled()}: this class names Vector API types.
 */
final class ByteCounts {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;

    private ByteCounts() {
    }

    /**
     * {quotes in [0, i), line breaks in [0, e), i, e}: i the largest whole number of vectors ≤ {@code to}, e the end
     * of the last of those vectors that starts before {@code sampleEnd} (0 if none); the caller counts the rest.
     */
    static long[] quotesAndLines(MemorySegment bytes, long to, long sampleEnd) {
        long quotes = 0;
        long lines = 0;
        long lineEnd = 0;
        long i = 0;
        for (long bound = to - to % BYTES.length(); i < bound; i += BYTES.length()) {
            ByteVector v = ByteVector.fromMemorySegment(BYTES, bytes, i, ByteOrder.nativeOrder());
            quotes += v.eq((byte) '"').trueCount();
            if (i < sampleEnd) {
                lines += v.eq((byte) '\n').trueCount();
                lineEnd = i + BYTES.length();
            }
        }
        return new long[] {quotes, lines, i, lineEnd};
    }
}
