package dev.nabla.data;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code digits [. digits]} of at most {@link #LANES} chars in a few vector operations instead of a branch per char
 * (a file's numbers vary in length, and every varying branch is mispredicted): m = Σ dᵢ·wᵢ, the weights wᵢ the
 * powers of ten of each lane for that length and dot, then x = m / 10ᵏ as {@link Numbers} rounds it. Loaded only
 * where {@link dev.nabla.tensor.Simd#enabled()}: this class names Vector API types.
 */
final class NumberLanes {
    /** Chars of a cell read at once: 8 digits make at most 99,999,999, which an int holds. */
    static final int LANES = 8;
    private static final VectorSpecies<Short> CHARS = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    /**
     * For a cell of n chars with its dot at lane k (k = {@link #LANES} without a dot), at {@code (n·9 + k)·8}: each
     * lane's power of ten in the number the digits make without the dot; 0 for the dot and beyond the cell.
     */
    private static final int[] WEIGHTS = new int[(LANES + 1) * (LANES + 1) * LANES];

    static {
        for (int n = 1; n <= LANES; n++) {
            for (int dot = 0; dot <= LANES; dot++) {
                int power = 1;
                for (int lane = n - 1; lane >= 0; lane--) {
                    if (lane != dot) {
                        WEIGHTS[(n * (LANES + 1) + dot) * LANES + lane] = power;
                        power *= 10;
                    }
                }
            }
        }
    }

    private NumberLanes() {
    }

    /** Whether 8 int lanes are native here (AVX2, AVX-512): with 128-bit vectors they would be emulated, far slower. */
    static boolean suitable() {
        return IntVector.SPECIES_PREFERRED.vectorBitSize() >= INTS.vectorBitSize();
    }

    /** The number {@code buf[from, from + n)} makes, or NaN; {@code buf} holds {@link #LANES} chars from there. */
    static double read(char[] buf, int from, int n) {
        ShortVector chars = ShortVector.fromCharArray(CHARS, buf, from);
        long inCell = (1L << n) - 1;
        long digits = chars.compare(VectorOperators.GE, (short) '0').and(chars.compare(VectorOperators.LE, (short) '9'))
                .toLong();
        long dot = chars.compare(VectorOperators.EQ, (short) '.').toLong() & inCell;
        if (n == 0 || ((digits | dot) & inCell) != inCell || (dot & dot - 1) != 0 || dot == inCell) {
            return Double.NaN;
        }
        int at = dot == 0 ? LANES : Long.numberOfTrailingZeros(dot);
        IntVector values = (IntVector) chars.sub((short) '0').convertShape(VectorOperators.S2I, INTS, 0);
        int mantissa = values.mul(IntVector.fromArray(INTS, WEIGHTS, (n * (LANES + 1) + at) * LANES))
                .reduceLanes(VectorOperators.ADD);
        return mantissa / Numbers.EXACT_POWERS[dot == 0 ? 0 : n - 1 - at];
    }
}
