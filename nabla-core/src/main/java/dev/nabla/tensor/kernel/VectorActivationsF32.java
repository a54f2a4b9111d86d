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

    private static final float MAGIC = 0x1.8p23f;
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860677e-6f;
    /** Below this |x| the odd Taylor series through x¹³ is exact to float precision (next term &lt; 1e-10·|x|). */
    private static final float SERIES_LIMIT = 0.3f;
    /** tanh(x) rounds to 1 in float from x ≈ 9.01 on; clamping at 10 keeps e^{2|x|} finite. */
    private static final float SATURATION = 10f;

    /**
     * y = tanh(x) on whole vectors from IEEE arithmetic only — +, ×, fma, ÷ and bit moves, which round the same
     * interpreted and compiled, unlike the vector math library — and on the tail with {@link Math#tanh}.
     * |x| &lt; 0.3: x + x³·P(x²), the Taylor series; otherwise sign(x)·(1 − 2/(e^{2|x|} + 1)) with
     * e^t = 2ⁿ·e^r, n = round(t/ln 2), r = t − n·ln 2 (two-part ln 2), e^r by its degree-7 Taylor polynomial.
     * Within 4 ulps of {@link Math#tanh}.
     */
    static void tanh(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector x2 = v.mul(v);
            FloatVector q = x2.fma(21844f / 6081075f, -1382f / 155925f);
            q = x2.fma(q, FloatVector.broadcast(S, 62f / 2835f));
            q = x2.fma(q, FloatVector.broadcast(S, -17f / 315f));
            q = x2.fma(q, FloatVector.broadcast(S, 2f / 15f));
            q = x2.fma(q, FloatVector.broadcast(S, -1f / 3f));
            FloatVector series = v.mul(x2).fma(q, v);
            FloatVector a = v.abs();
            FloatVector t = a.min(SATURATION).mul(2f);
            FloatVector k = t.fma(LOG2E, MAGIC);
            FloatVector nf = k.sub(MAGIC);
            FloatVector r = nf.fma(FloatVector.broadcast(S, -LN2_HI), t);
            r = nf.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector p = r.fma(1f / 5040f, 1f / 720f);
            p = r.fma(p, FloatVector.broadcast(S, 1f / 120f));
            p = r.fma(p, FloatVector.broadcast(S, 1f / 24f));
            p = r.fma(p, FloatVector.broadcast(S, 1f / 6f));
            p = r.fma(p, FloatVector.broadcast(S, 0.5f));
            p = r.fma(p, FloatVector.broadcast(S, 1f));
            p = r.fma(p, FloatVector.broadcast(S, 1f));
            // 2ⁿ from the bits of k = 1.5·2²³ + n: (bits + 127) << 23 leaves exactly the biased exponent n + 127.
            FloatVector twoN = k.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = p.mul(twoN);
            FloatVector big = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
            big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
            big.blend(series, a.compare(VectorOperators.LT, SERIES_LIMIT)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
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

    /** y_ij = tanh(y_ij + b_j): the bias added a vector at a time, then {@link #tanh} over the matrix. */
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
        tanh(y, y, rows * cols);
    }
}
