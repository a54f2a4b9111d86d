package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half of {@link ActivationsF32}; loaded only when {@link Vectorization#enabled()}. Whole vectors
 * first, then the tail lane by lane with the same arithmetic, so results do not depend on where a vector ends.
 */
final class VectorActivationsF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorActivationsF32() {
    }

    /** y[yo..yo+n) = max(x, slope·x) of x[xo..xo+n): for 0 ≤ slope &lt; 1 this is x where x > 0, slope·x elsewhere. */
    static void leakyRelu(float[] x, int xo, float[] y, int yo, int n, float slope) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v.max(v.mul(slope)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = Math.max(v, v * slope);
        }
    }

    /** y_ij = g(y_ij + b_j) with g(v) = max(v, slope·v), row by row. */
    static void biasLeakyRelu(float[] y, float[] b, int rows, int cols, float slope) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (int bound = S.loopBound(cols); j < bound; j += L) {
                FloatVector v = FloatVector.fromArray(S, y, o + j).add(FloatVector.fromArray(S, b, j));
                v.max(v.mul(slope)).intoArray(y, o + j);
            }
            for (; j < cols; j++) {
                float v = y[o + j] + b[j];
                y[o + j] = Math.max(v, v * slope);
            }
        }
    }

    /** dx (+)= dy ⊙ (y > 0 ? 1 : slope), by a lane blend instead of a branch. */
    static void leakyReluBackward(float[] y, float[] dy, float[] dx, int n, float slope, boolean acc) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(S, dy, i);
            VectorMask<Float> positive = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f);
            FloatVector g = d.mul(slope).blend(d, positive);
            if (acc) {
                g = g.add(FloatVector.fromArray(S, dx, i));
            }
            g.intoArray(dx, i);
        }
        for (; i < n; i++) {
            float g = y[i] > 0f ? dy[i] : dy[i] * slope;
            dx[i] = acc ? dx[i] + g : g;
        }
    }

    /** y_ij = tanh(y_ij + b_j): the bias added a vector at a time, then Math.tanh element by element. */
    static void biasTanh(float[] y, float[] b, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (int bound = S.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(S, y, o + j).add(FloatVector.fromArray(S, b, j)).intoArray(y, o + j);
            }
            for (; j < cols; j++) {
                y[o + j] += b[j];
            }
        }
        ElementwiseF32.tanh(y, y, rows * cols);
    }
}
