package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The float32 smooth activations: the loops — GELU's Vector API lanes included, whole vectors and tail alike — round
 * the float64 approximations once (edge values included), which stay within 1e-9 relative of {@link Smooth}'s
 * float64 functions.
 */
class SmoothF32Test {
    private static final float[] EDGES = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 20f,
        20.000002f, 19.999998f, 0.5f, -0.5f, -0.49999997f, 0.01f, -0.01f, 13.8f, -13.8f, -13.81f, -13.79f, 1e-30f,
        -1e-30f, 88f, -88f, 700f, -710f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 3.5f, -3.5f};

    private static float[] inputs() {
        SplittableRandom rng = new SplittableRandom(12);
        float[] x = new float[4099];
        System.arraycopy(EDGES, 0, x, 0, EDGES.length);
        for (int i = EDGES.length; i < x.length; i++) {
            x[i] = (float) (rng.nextBoolean() ? rng.nextGaussian() * 3 : rng.nextDouble(-40, 40));
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Smooth.class)
    void theLoopsRoundTheFloat64ValuesOnce(Smooth f) {
        float[] x = inputs();
        double p = f == Smooth.ELU ? 0.7 : 0;
        float[] y = new float[x.length];
        SmoothF32.forward(f, x, y, x.length, p);
        float[] dy = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            dy[i] = 0.25f + (i % 7);
        }
        float[] dx = new float[x.length];
        SmoothF32.backward(f, x, dy, dx, x.length, p, false);
        float[] acc = new float[x.length];
        java.util.Arrays.fill(acc, 1.5f);
        SmoothF32.backward(f, x, dy, acc, x.length, p, true);
        for (int i = 0; i < x.length; i++) {
            float expected = (float) SmoothF32.value(f, x[i], p);
            assertThat(bits(y[i])).as("%s(%s) = %s, scalar %s", f, x[i], y[i], expected).isEqualTo(bits(expected));
            float g = (float) (dy[i] * SmoothF32.derivative(f, x[i], p));
            assertThat(bits(dx[i])).as("%s′(%s)", f, x[i]).isEqualTo(bits(g));
            assertThat(bits(acc[i])).isEqualTo(bits(1.5f + g));
        }
        SmoothF32.forward(f, x, x, x.length, p);
        assertThat(x).as("in place").containsExactly(y);
    }

    /** The bits, except that every NaN counts as one. */
    private static int bits(float v) {
        return Float.floatToIntBits(v);
    }

    @ParameterizedTest
    @EnumSource(Smooth.class)
    void theApproximationsStayWithin1e9OfTheFloat64Functions(Smooth f) {
        double p = f == Smooth.ELU ? 0.7 : 0;
        for (double x = -13.7; x <= 30; x += 0.0137) {
            double exact = f.value(x, p);
            double slope = f.derivative(x, p);
            assertThat(SmoothF32.value(f, x, p)).as("%s(%s)", f, x)
                    .isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(exact) + 1e-300));
            // GELU-tanh′ near its zero is a difference of two terms of size 0.1: absolute 1e-10 there.
            assertThat(SmoothF32.derivative(f, x, p)).as("%s′(%s)", f, x)
                    .isCloseTo(slope, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(slope) + 1e-10));
        }
    }
}
