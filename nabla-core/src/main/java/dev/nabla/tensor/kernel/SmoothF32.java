package dev.nabla.tensor.kernel;

/**
 * The smooth activations ({@link Smooth}) on float32 arrays: each element is computed in float64 from IEEE
 * arithmetic only — +, ×, ÷, fma and bit moves — by short polynomials, to about 1e-10 relative, then rounded once to
 * float32, so results are within one float ulp of the exact value and the same in every JIT tier. Each activation
 * takes one exponential per element ({@link #argument}). On the Vector API ({@link VectorSmoothF32}) the same
 * operations run on float64 lanes, with the same bits; the elements after the last whole vector take this scalar
 * code. Forward and backward on 128 × 256 take about 0.1 ms; {@link Smooth}'s float64 functions ({@link Math#exp},
 * erf by series) took 0.6–4.7 ms.
 *
 * <ul>
 * <li>e^t = 2ⁿ·e^r, n = round(t/ln 2), r = t − n·ln 2 (two-part ln 2), e^r by its Taylor polynomial of degree 9,
 * t clamped to [−708, 709];</li>
 * <li>e^x − 1 by its Taylor polynomial of degree 11 for |x| &lt; 0.5;</li>
 * <li>log(1 + v), v ∈ (0, 1], as 2·atanh(s) = 2s·Σ s^{2k}/(2k + 1), s = v/(2 + v) ≤ 1/3, k ≤ 9;</li>
 * <li>GELU-tanh as x·σ(2u), since ½(1 + tanh u) = σ(2u), which keeps its precision where tanh u nears −1;</li>
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
        int i = Vectorization.enabled() ? VectorSmoothF32.apply(f, x, null, y, n, p, false) : 0;
        for (; i < n; i++) {
            y[i] = (float) value(f, x[i], p);
        }
    }

    /** dx (+)= dy ⊙ f′(x) for the first n elements. */
    public static void backward(Smooth f, float[] x, float[] dy, float[] dx, int n, double p, boolean acc) {
        int i = Vectorization.enabled() ? VectorSmoothF32.apply(f, x, dy, dx, n, p, acc) : 0;
        for (; i < n; i++) {
            float g = (float) (dy[i] * derivative(f, x[i], p));
            dx[i] = acc ? dx[i] + g : g;
        }
    }

    /**
     * The argument a of the one exponential each activation takes per element: −z² (GELU, z = |x|/√2), −2|u|
     * (GELU-tanh, u = √(2/π)(x + 0.044715x³)), −|x| (SiLU, Softplus), x (ELU).
     */
    static double argument(Smooth f, double x) {
        return switch (f) {
            case GELU -> {
                double z = Math.abs(x) * FRAC_1_SQRT_2;
                yield -(z * z);
            }
            case GELU_TANH -> -2 * Math.abs(geluTanhArgument(x));
            case SILU, SOFTPLUS -> -Math.abs(x);
            case ELU -> x;
        };
    }

    static double value(Smooth f, double x, double p) {
        double e = exp(argument(f, x));
        return switch (f) {
            case GELU -> x * phi(x, e);
            case GELU_TANH -> x * sigmoid(geluTanhArgument(x), e);
            case SILU -> x * sigmoid(x, e);
            case ELU -> x > 0 ? x : p * (Math.abs(x) < EXPM1_LIMIT ? expm1Series(x) : e - 1);
            case SOFTPLUS -> x > SOFTPLUS_THRESHOLD ? x : Math.max(x, 0) + log1p(e);
        };
    }

    static double derivative(Smooth f, double x, double p) {
        double e = exp(argument(f, x));
        return switch (f) {
            case GELU -> phi(x, e) + x * (FRAC_1_SQRT_2PI * correctedSquare(x, e));
            case GELU_TANH -> {
                double s = sigmoid(geluTanhArgument(x), e);
                yield s + 2 * x * (s * (1 - s)) * (SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * (x * x)));
            }
            case SILU -> {
                double s = sigmoid(x, e);
                yield s * (1 + x * (1 - s));
            }
            case ELU -> x > 0 ? 1 : p * e;
            case SOFTPLUS -> x > SOFTPLUS_THRESHOLD ? 1 : sigmoid(x, e);
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

    /** e^x − 1 for |x| &lt; 0.5, by its Taylor polynomial. */
    static double expm1Series(double x) {
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

    /** σ(x) from e = e^{−|x|} (σ(2u) from e^{−2|u|} alike): 1/(1 + e) for x ≥ 0, e/(1 + e) below. */
    static double sigmoid(double x, double e) {
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    static double geluTanhArgument(double x) {
        return SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x);
    }

    /** e^{−z²} from e = e^{−hi}, hi = z² rounded, z = |x|/√2: e·(1 − lo) with lo = z² − hi exactly (fma). */
    static double correctedSquare(double x, double e) {
        double z = Math.abs(x) * FRAC_1_SQRT_2;
        return e * (1 - Math.fma(z, z, -(z * z)));
    }

    /** Φ(x) from e = e^{−hi}: Φ(−|x|) = ½·e^{−z²}·erfcx(z), 0 beyond z = 9.76; Φ(x) = 1 − Φ(−x) for x > 0. */
    static double phi(double x, double e) {
        double z = Math.abs(x) * FRAC_1_SQRT_2;
        double tail = 0;
        if (z <= ERFCX_LIMIT) {
            double t = 1 / (1 + 0.5 * z);
            double q = ERFCX[12];
            for (int k = 11; k >= 0; k--) {
                q = Math.fma(t, q, ERFCX[k]);
            }
            tail = 0.5 * correctedSquare(x, e) * q;
        }
        return x <= 0 ? tail : 1 - tail;
    }
}
