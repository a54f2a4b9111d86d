package dev.nabla.tensor.kernel;

/**
 * The smooth activations ({@link Smooth}) on float32 arrays: each element is computed in float64 from IEEE
 * arithmetic only — +, ×, ÷, fma and bit moves — by short polynomials, to about 1e-10 relative, then rounded once to
 * float32, so results are within one float ulp of the exact value and the same in every JIT tier. {@link Smooth}'s
 * float64 functions ({@link Math#exp}, erf by series) took 4.7 ms for GELU forward and backward on 128 × 256, these
 * 0.8 ms, and GELU on the Vector API ({@link VectorGeluF32}, the same bits) 0.1 ms. The others stay scalar: a
 * Vector API version split into helpers took C2 past its inlining budget, and each vector crossing a call it did not
 * inline was boxed (MBs allocated per step); written out whole, as GELU's is, each would repeat e^x's polynomial.
 *
 * <ul>
 * <li>e^t = 2ⁿ·e^r, n = round(t/ln 2), r = t − n·ln 2 (two-part ln 2), e^r by its Taylor polynomial of degree 9,
 * t clamped to [−708, 709];</li>
 * <li>e^x − 1 by its Taylor polynomial of degree 11 for |x| &lt; 0.5;</li>
 * <li>log(1 + v), v ∈ (0, 1], as 2·atanh(s) = 2s·Σ s^{2k}/(2k + 1), s = v/(2 + v) ≤ 1/3, k ≤ 9;</li>
 * <li>tanh u = 1 − 2/(e^{2u} + 1), by its odd series through u⁷ below |u| = 0.01;</li>
 * <li>Φ(−|x|) = ½·e^{−z²}·erfcx(z), z = |x|/√2, with e^{−z²} from z² = hi + lo (fma) and erfcx(z) = e^{z²}·erfc z
 * by a polynomial of degree 12 in t = 1/(1 + z/2) ({@code scripts/fit-erfcx.py}: 1.5e-10 relative for z ≤ 9.76,
 * beyond which Φ(−|x|) is taken as 0: GELU's float32 value underflows there).</li>
 * </ul>
 */
public final class SmoothF32 {
    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double MAGIC = 0x1.8p52;
    static final double EXP_MIN = -708;
    static final double EXP_MAX = 709;
    /** Degrees of the polynomials: each term left out is below 1e-10 relative on its range. */
    static final int EXP_DEGREE = 9;
    static final int EXPM1_DEGREE = 11;
    static final int LOG1P_TERMS = 9;
    /** 1/k! for k = 0…11. */
    static final double[] INVERSE_FACTORIAL = new double[12];
    /** 1/(2k + 1) for k = 0…9. */
    static final double[] INVERSE_ODD = new double[10];
    /** erfcx(z) ≈ Σ c_k·t^k, t = 1/(1 + z/2), from scripts/fit-erfcx.py. */
    static final double[] ERFCX = {
        -4.224539367028862e-07, 0.2821120260952962, 0.2817860246679878, 0.2500579428148649, 0.15437434528165392,
        0.18628312840402922, -0.3422400862202074, 0.7311714857951638, -1.3308032902464264, 1.3597946217220245,
        -0.786796694163827, 0.2476618451727291, -0.03340092691378921};
    static final double ERFCX_LIMIT = 9.76;
    static final double FRAC_1_SQRT_2 = 0.7071067811865476;
    static final double FRAC_1_SQRT_2PI = 0.3989422804014327;
    static final double SQRT_2_OVER_PI = 0.7978845608028654;
    static final double GELU_CUBIC = 0.044715;
    static final double SOFTPLUS_THRESHOLD = 20;
    static final double EXPM1_LIMIT = 0.5;
    static final double TANH_SERIES_LIMIT = 0.01;

    static {
        double f = 1;
        for (int k = 0; k < INVERSE_FACTORIAL.length; k++) {
            f *= Math.max(k, 1);
            INVERSE_FACTORIAL[k] = 1 / f;
        }
        for (int k = 0; k < INVERSE_ODD.length; k++) {
            INVERSE_ODD[k] = 1.0 / (2 * k + 1);
        }
    }

    private SmoothF32() {
    }

    /** y = f(x) for the first n elements (y may be x); {@code p} is ELU's α. */
    public static void forward(Smooth f, float[] x, float[] y, int n, double p) {
        int i = f == Smooth.GELU && Vectorization.enabled() ? VectorGeluF32.apply(x, null, y, n, false) : 0;
        for (; i < n; i++) {
            y[i] = (float) value(f, x[i], p);
        }
    }

    /** dx (+)= dy ⊙ f′(x) for the first n elements. */
    public static void backward(Smooth f, float[] x, float[] dy, float[] dx, int n, double p, boolean acc) {
        int i = f == Smooth.GELU && Vectorization.enabled() ? VectorGeluF32.apply(x, dy, dx, n, acc) : 0;
        for (; i < n; i++) {
            float g = (float) (dy[i] * derivative(f, x[i], p));
            dx[i] = acc ? dx[i] + g : g;
        }
    }

    static double value(Smooth f, double x, double p) {
        return switch (f) {
            case GELU -> x * phi(x, tail(x));
            case GELU_TANH -> 0.5 * x * (1 + tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x)));
            case SILU -> x * sigmoid(x);
            case ELU -> x > 0 ? x : p * expm1(x);
            case SOFTPLUS -> x > SOFTPLUS_THRESHOLD ? x : Math.max(x, 0) + log1p(exp(-Math.abs(x)));
        };
    }

    static double derivative(Smooth f, double x, double p) {
        return switch (f) {
            case GELU -> {
                double e = expMinusHalfSquare(x);
                yield phi(x, tail(x, e)) + x * (FRAC_1_SQRT_2PI * e);
            }
            case GELU_TANH -> {
                double t = tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
                yield 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * (SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * (x * x)));
            }
            case SILU -> {
                double s = sigmoid(x);
                yield s * (1 + x * (1 - s));
            }
            case ELU -> x > 0 ? 1 : p * exp(x);
            case SOFTPLUS -> x > SOFTPLUS_THRESHOLD ? 1 : sigmoid(x);
        };
    }

    /** e^t, t clamped to [−708, 709]. */
    static double exp(double t) {
        t = Math.min(Math.max(t, EXP_MIN), EXP_MAX);
        double k = Math.fma(t, LOG2E, MAGIC);
        double n = k - MAGIC;
        double r = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, t));
        double q = INVERSE_FACTORIAL[EXP_DEGREE];
        for (int j = EXP_DEGREE - 1; j >= 0; j--) {
            q = Math.fma(r, q, INVERSE_FACTORIAL[j]);
        }
        // 2ⁿ from the bits of k = 1.5·2⁵² + n: (bits + 1023) << 52 leaves exactly the biased exponent n + 1023.
        return q * Double.longBitsToDouble((Double.doubleToRawLongBits(k) + 1023) << 52);
    }

    /** e^x − 1 for x ≤ 0: the Taylor polynomial near 0, e^x − 1 further out. */
    static double expm1(double x) {
        if (Math.abs(x) >= EXPM1_LIMIT) {
            return exp(x) - 1;
        }
        double q = INVERSE_FACTORIAL[EXPM1_DEGREE];
        for (int j = EXPM1_DEGREE - 1; j >= 1; j--) {
            q = Math.fma(x, q, INVERSE_FACTORIAL[j]);
        }
        return x * q;
    }

    /** log(1 + v) for v ∈ [0, 1]. */
    static double log1p(double v) {
        double s = v / (2 + v);
        double s2 = s * s;
        double q = INVERSE_ODD[LOG1P_TERMS];
        for (int k = LOG1P_TERMS - 1; k >= 0; k--) {
            q = Math.fma(s2, q, INVERSE_ODD[k]);
        }
        return 2 * s * q;
    }

    static double sigmoid(double x) {
        return 1 / (1 + exp(-x));
    }

    static double tanh(double u) {
        double a = Math.abs(u);
        if (a < TANH_SERIES_LIMIT) {
            double u2 = u * u;
            return Math.fma(u * u2, Math.fma(u2, Math.fma(u2, -17.0 / 315, 2.0 / 15), -1.0 / 3), u);
        }
        double t = 1 - 2 / (exp(2 * a) + 1);
        return u < 0 ? -t : t;
    }

    /** e^{−x²/2} = e^{−z²}, z = |x|/√2, with z² = hi + lo exactly: e^{−hi}·(1 − lo). */
    static double expMinusHalfSquare(double x) {
        double z = Math.abs(x) * FRAC_1_SQRT_2;
        double hi = z * z;
        double lo = Math.fma(z, z, -hi);
        return exp(-hi) * (1 - lo);
    }

    /** Φ(−|x|) = ½·erfc(|x|/√2). */
    static double tail(double x) {
        return tail(x, expMinusHalfSquare(x));
    }

    /** Φ(−|x|) from e = e^{−x²/2}; 0 beyond z = 9.76. */
    static double tail(double x, double e) {
        double z = Math.abs(x) * FRAC_1_SQRT_2;
        if (z > ERFCX_LIMIT) {
            return 0;
        }
        double t = 1 / (1 + 0.5 * z);
        double q = ERFCX[12];
        for (int k = 11; k >= 0; k--) {
            q = Math.fma(t, q, ERFCX[k]);
        }
        return 0.5 * e * q;
    }

    /** Φ(x) from Φ(−|x|). */
    static double phi(double x, double tail) {
        return x <= 0 ? tail : 1 - tail;
    }
}
