package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscendentalTest {
    @Test
    void tanhStaysWithinFourUlpsOfMathTanhIncludingTheScalarTail() {
        int n = 4003; // not a multiple of any vector length: the tail takes the scalar path
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((i - n / 2) * 0.01); // −20 … 20: the linear part, the knee and saturation
        }
        float[] y = new float[n];
        Transcendental.tanh(x, y, n);
        for (int i = 0; i < n; i++) {
            float exact = (float) Math.tanh(x[i]);
            assertThat(Math.abs(y[i] - exact)).as("tanh(%s)", x[i]).isLessThanOrEqualTo(4 * Math.ulp(exact));
        }
    }

    @Test
    void tanhOfSpecialValues() {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-30f, -1e-30f, 100f,
            0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f};
        float[] y = new float[x.length];
        Transcendental.tanh(x, y, x.length);
        assertThat(y[0]).isEqualTo(0f);
        assertThat(y[2]).isEqualTo(1f);
        assertThat(y[3]).isEqualTo(-1f);
        assertThat(y[4]).isNaN();
        assertThat(y[5]).isEqualTo(1e-30f);
        assertThat(y[6]).isEqualTo(-1e-30f);
        assertThat(y[7]).isEqualTo(1f);
    }

    @Test
    void tanhInPlace() {
        float[] x = {0.5f, -0.25f, 2f};
        Transcendental.tanh(x, x, 3);
        assertThat(x[2]).isEqualTo((float) Math.tanh(2f));
    }
}
