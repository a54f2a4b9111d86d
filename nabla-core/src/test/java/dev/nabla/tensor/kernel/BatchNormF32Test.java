package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Vector API batch-norm kernels give the plain loops' bits, whole vectors and tail columns alike. */
class BatchNormF32Test {

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 37, 256})
    void vectorAndPlainPathsAgreeBitForBit(int cols) {
        int rows = 9;
        SplittableRandom rng = new SplittableRandom(cols);
        float[] z = random(rng, rows * cols, 3, 1);
        float[] dy = random(rng, rows * cols, 1, 0);
        float[] gamma = random(rng, cols, 1, 1);
        float[] beta = random(rng, cols, 1, 0);

        float[] mean = new float[cols];
        float[] variance = new float[cols];
        float[] mean2 = new float[cols];
        float[] variance2 = new float[cols];
        BatchNormF32.columnMeanVariance(z, rows, cols, mean, variance);
        NormalizationF32.columnMeanVariance(z, rows, cols, mean2, variance2);
        assertThat(mean).containsExactly(mean2);
        assertThat(variance).containsExactly(variance2);

        float[] r = new float[cols];
        NormalizationF32.inverseStd(variance, 1e-5, r, cols);
        float[] xhat = new float[rows * cols];
        float[] y = new float[rows * cols];
        float[] xhat2 = new float[rows * cols];
        float[] y2 = new float[rows * cols];
        BatchNormF32.normalizeColumns(z, mean, r, gamma, beta, xhat, y, rows, cols);
        NormalizationF32.normalizeColumns(z, mean, r, gamma, beta, xhat2, y2, rows, cols);
        assertThat(xhat).containsExactly(xhat2);
        assertThat(y).containsExactly(y2);

        for (boolean batch : new boolean[] {true, false}) {
            for (boolean acc : new boolean[] {true, false}) {
                float[] s1 = new float[cols];
                float[] s2 = new float[cols];
                float[] dz = random(new SplittableRandom(5), rows * cols, 1, 0);
                float[] s1b = new float[cols];
                float[] s2b = new float[cols];
                float[] dzb = dz.clone();
                BatchNormF32.batchNormBackward(dy, xhat, gamma, r, batch, s1, s2, dz, acc, rows, cols);
                NormalizationF32.batchNormBackward(dy, xhat, gamma, r, batch, s1b, s2b, dzb, acc, rows, cols);
                assertThat(s1).containsExactly(s1b);
                assertThat(s2).containsExactly(s2b);
                assertThat(dz).as("batch %s, acc %s", batch, acc).containsExactly(dzb);
            }
        }
    }

    private static float[] random(SplittableRandom rng, int n, double scale, double shift) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * scale + shift);
        }
        return x;
    }
}
