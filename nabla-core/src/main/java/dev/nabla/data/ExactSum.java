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
    /** Adds between carry passes: each add moves a limb by less than 2³², so 2³⁰ of them keep it within a long. */
    private static final int CARRY_EVERY = 1 << 30;

    private final long[] limbs = new long[LIMBS];
    private int pending;

    /** Adds v (finite). */
    void add(float v) {
        int bits = Float.floatToRawIntBits(v);
        int exponent = (bits >>> 23) & 0xFF;
        long mantissa = exponent == 0 ? bits & 0x7FFFFF : (bits & 0x7FFFFF) | 0x800000;
        if (mantissa == 0) {
            return;
        }
        // v = ±mantissa · 2^(position − 149)
        int position = Math.max(exponent, 1) - 1;
        long shifted = (bits < 0 ? -mantissa : mantissa) << (position & 31);
        int q = position >>> 5;
        limbs[q] += shifted & 0xFFFFFFFFL;
        limbs[q + 1] += shifted >> 32;
        if (++pending == CARRY_EVERY) {
            carry();
        }
    }

    /** Adds another sum. */
    void add(ExactSum other) {
        carry();
        other.carry();
        for (int q = 0; q < LIMBS; q++) {
            limbs[q] += other.limbs[q];
        }
        carry();
    }

    private void carry() {
        for (int q = 0; q < LIMBS - 1; q++) {
            long c = limbs[q] >> 32;
            limbs[q] -= c << 32;
            limbs[q + 1] += c;
        }
        pending = 0;
    }

    /** The sum, rounded to the nearest double. */
    double value() {
        BigInteger total = BigInteger.ZERO;
        for (int q = LIMBS - 1; q >= 0; q--) {
            total = total.shiftLeft(32).add(BigInteger.valueOf(limbs[q]));
        }
        // A non-zero sum of floats is at least 2⁻¹⁴⁹ in magnitude, far from the doubles' subnormals: scaling is exact.
        return Math.scalb(total.doubleValue(), -149);
    }

    void write(DataOutput out) throws IOException {
        carry();
        for (long l : limbs) {
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
