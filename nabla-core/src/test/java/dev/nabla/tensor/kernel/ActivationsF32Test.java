package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivationsF32Test {
    @Test
    void tanhStaysWithinFourUlpsOfMathTanhIncludingTheScalarTail() {
        int n = 4003; // not a multiple of any vector length: the tail takes the scalar path
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((i - n / 2) * 0.01); // −20 … 20: the linear part, the knee and saturation
        }
        float[] y = new float[n];
        ActivationsF32.tanh(x, y, n);
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
        ActivationsF32.tanh(x, y, x.length);
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
        ActivationsF32.tanh(x, x, 3);
        assertThat(x[2]).isEqualTo((float) Math.tanh(2f));
    }

    private static float[] signedValues(int n, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 7 == 0 ? (i % 14 == 0 ? 0f : -0f) : (float) (rng.nextDouble() * 4 - 2);
        }
        return x;
    }

    @Test
    void leakyReluForwardAndBackwardMatchThePlainLoopsBitForBit() {
        int n = 1003;
        for (float slope : new float[] {0f, 0.01f, 0.5f}) {
            float[] x = signedValues(n, 7);
            float[] expected = new float[n];
            float[] actual = new float[n];
            ElementwiseF32.leakyRelu(x, expected, n, slope);
            ActivationsF32.leakyRelu(x, actual, n, slope);
            assertThat(actual).containsExactly(expected);
            float[] dy = signedValues(n, 8);
            for (boolean acc : new boolean[] {false, true}) {
                float[] dxExpected = signedValues(n, 9);
                float[] dxActual = dxExpected.clone();
                ElementwiseF32.leakyReluBackward(expected, dy, dxExpected, n, slope, acc);
                ActivationsF32.leakyReluBackward(expected, dy, dxActual, n, slope, acc);
                assertThat(dxActual).as("slope %s, acc %s", slope, acc).containsExactly(dxExpected);
            }
        }
    }

    @Test
    void biasLeakyReluEqualsBiasAddThenActivation() {
        int rows = 5;
        int cols = 19; // two vectors and a tail on AVX2
        float[] y = signedValues(rows * cols, 3);
        float[] b = signedValues(cols, 4);
        float[] expected = new float[y.length];
        RowWiseF32.addRow(y, b, expected, rows, cols);
        ElementwiseF32.leakyRelu(expected, expected, expected.length, 0.1f);
        ActivationsF32.biasLeakyRelu(y, b, rows, cols, 0.1f);
        assertThat(y).containsExactly(expected);
    }

    @Test
    void softmaxCrossEntropyAgreesWithTheRowWiseLoop() {
        int rows = 37;
        int cols = 3;
        float[] z = signedValues(rows * cols, 11);
        z[4] = 80f; // a large logit: the row maximum is subtracted before exponentiating
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % cols;
        }
        float[] expectedProbs = new float[z.length];
        float[] probs = new float[z.length];
        double expected = RowWiseF32.softmaxCrossEntropy(z, labels, expectedProbs, rows, cols);
        double actual = ActivationsF32.softmaxCrossEntropy(z, labels, probs, rows, cols);
        assertThat(actual).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-5 * Math.abs(expected)));
        for (int i = 0; i < z.length; i++) {
            assertThat(probs[i]).isCloseTo(expectedProbs[i], org.assertj.core.api.Assertions.within(2e-6f));
        }
    }

    @Test
    void biasTanhEqualsBiasAddThenTanh() {
        int rows = 4;
        int cols = 19;
        float[] y = signedValues(rows * cols, 5);
        float[] b = signedValues(cols, 6);
        float[] expected = new float[y.length];
        RowWiseF32.addRow(y, b, expected, rows, cols);
        ActivationsF32.tanh(expected, expected, expected.length);
        ActivationsF32.biasTanh(y, b, rows, cols);
        assertThat(y).containsExactly(expected);
    }
}
