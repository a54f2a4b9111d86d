package dev.nabla.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The exact sum of floats, as a fixed-point number of 32-bit limbs from 2⁻¹⁴⁹ (the smallest float) upwards: adding
 * is exact, so the sum of a column does not depend on the order of its cells or on how its rows were split before
 * the parts were merged; it is rounded once, to the nearest double, when read.
 */
final class ExactSum {
    private static final int LIMBS = 10;
    /** Adds between folds: a bin's signed mantissas (below 2²⁴ each) stay within a long for 2³⁹ adds. */
    private static final int FOLD_EVERY = 1 << 30;

    private final long[] limbs = new long[LIMBS];
    /**
     * Signed mantissas summed by the floats' exponent: an add touches one word of a small array, and consecutive
     * cells of one magnitude do not wait on a chain of carries; {@link #fold} moves them into the limbs.
     */
    private final long[] byExponent = new long[256];
    private int pending;

    /** Adds v (finite). */
    void add(float v) {
        int bits = Float.floatToRawIntBits(v);
        int exponent = bits >>> 23 & 0xFF;
        long mantissa = exponent == 0 ? bits & 0x7FFFFF : (bits & 0x7FFFFF) | 0x800000;
        byExponent[exponent] += bits < 0 ? -mantissa : mantissa;
        if (++pending == FOLD_EVERY) {
            fold();
        }
    }

    /** Adds another sum (which is left as it was). */
    void add(ExactSum other) {
        fold();
        long[] theirs = other.folded();
        for (int q = 0; q < LIMBS; q++) {
            limbs[q] += theirs[q];
        }
        carry(limbs);
    }

    /** Moves the exponent bins into the limbs. */
    private void fold() {
        fold(byExponent, limbs);
        java.util.Arrays.fill(byExponent, 0);
        pending = 0;
    }

    /** The limbs with the bins added, carried; this sum is left as it was (reading it changes nothing). */
    private long[] folded() {
        long[] out = limbs.clone();
        fold(byExponent, out);
        return out;
    }

    /**
     * Adds the bins into {@code limbs} and carries: bin e holds m·2^(max(e, 1) − 150), m a sum of signed
     * mantissas below 2⁵⁴ in magnitude, added as its low and high 32 bits shifted into place.
     */
    private static void fold(long[] byExponent, long[] limbs) {
        for (int e = 0; e < byExponent.length; e++) {
            long m = byExponent[e];
            if (m != 0) {
                int position = Math.max(e, 1) - 1;
                int q = position >>> 5;
                int r = position & 31;
                long low = (m & 0xFFFFFFFFL) << r;
                long high = (m >> 32) << r;
                limbs[q] += low & 0xFFFFFFFFL;
                limbs[q + 1] += (low >>> 32) + (high & 0xFFFFFFFFL);
                limbs[q + 2] += high >> 32;
            }
        }
        carry(limbs);
    }

    /** Leaves every limb but the top one in [0, 2³²), the value unchanged. */
    private static void carry(long[] limbs) {
        for (int q = 0; q < LIMBS - 1; q++) {
            long c = limbs[q] >> 32;
            limbs[q] -= c << 32;
            limbs[q + 1] += c;
        }
    }

    /** The sum, rounded to the nearest double. */
    double value() {
        long[] l = folded();
        BigInteger total = BigInteger.ZERO;
        for (int q = LIMBS - 1; q >= 0; q--) {
            total = total.shiftLeft(32).add(BigInteger.valueOf(l[q]));
        }
        // A non-zero sum of floats is at least 2⁻¹⁴⁹ in magnitude, far from the doubles' subnormals: scaling is exact.
        return Math.scalb(total.doubleValue(), -149);
    }

    void write(DataOutput out) throws IOException {
        for (long l : folded()) {
            out.writeLong(l);
        }
    }

    static ExactSum read(DataInput in) throws IOException {
        ExactSum s = new ExactSum();
        for (int q = 0; q < LIMBS; q++) {
            s.limbs[q] = in.readLong();
        }
        return s;
    }
}
