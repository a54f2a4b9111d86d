package dev.nabla.tensor.kernel;

/**
 * The error function erf x = (2/√π)∫₀ˣ e^{−t²} dt and erfc x = 1 − erf x in float64, from IEEE arithmetic and
 * {@link Math#exp} only (Java has no erf), so GELU gives the same bits interpreted and compiled. Three ranges of
 * |x|, each with a series that converges without cancellation there:
 * <ul>
 * <li>|x| &lt; 0.75: the Maclaurin series (2/√π)·Σ (−1)ⁿx^{2n+1}/(n!(2n+1));</li>
 * <li>0.75 ≤ |x| &lt; 2.5: (2/√π)·e^{−x²}·Σ 2ⁿx^{2n+1}/(1·3·…·(2n+1)), whose terms are all positive;</li>
 * <li>|x| ≥ 2.5: erfc x = e^{−x²}/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))), the continued fraction, 40 levels.</li>
 * </ul>
 * e^{−x²} takes x² as an exact sum hi + lo (by fma), so its rounding does not grow with x². Checked against
 * 40-digit values: erf within 1.3e-15 relative everywhere; erfc within 1e-15 relative for x ≥ 2.5 and 2.5e-12
 * relative on [0.75, 2.5), where it is 1 − erf.
 */
public final class Erf {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
    private static final double SERIES_LIMIT = 0.75;
    private static final double FRACTION_LIMIT = 2.5;
    /** Beyond this erfc x &lt; 1e-300 and erf x rounds to 1. */
    private static final double TAIL_LIMIT = 27;
    private static final int FRACTION_DEPTH = 40;
    private static final int MAX_TERMS = 64;
    private static final double[] INVERSE = new double[MAX_TERMS + 1];
    private static final double[] INVERSE_ODD = new double[MAX_TERMS + 1];

    static {
        for (int n = 1; n <= MAX_TERMS; n++) {
            INVERSE[n] = 1.0 / n;
            INVERSE_ODD[n] = 1.0 / (2 * n + 1);
        }
    }

    private Erf() {
    }

    /** erf x, odd, in [−1, 1]. */
    public static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < SERIES_LIMIT) {
            return maclaurin(x);
        } else if (a < FRACTION_LIMIT) {
            r = positiveSeries(a);
        } else if (a < TAIL_LIMIT) {
            r = 1 - continuedFraction(a);
        } else if (a <= Double.MAX_VALUE) {
            r = 1;
        } else {
            return Double.isNaN(x) ? x : Math.signum(x);
        }
        return x < 0 ? -r : r;
    }

    /** erfc x = 1 − erf x, in [0, 2]; for large x it keeps its relative precision where 1 − erf x would be 0. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double tail;
        if (a < SERIES_LIMIT) {
            return 1 - maclaurin(x);
        } else if (a < FRACTION_LIMIT) {
            tail = 1 - positiveSeries(a);
        } else if (a < TAIL_LIMIT) {
            tail = continuedFraction(a);
        } else {
            tail = 0;
        }
        return x < 0 ? 2 - tail : tail;
    }

    private static double maclaurin(double x) {
        double x2 = x * x;
        double t = x;
        double s = x;
        for (int n = 1; n <= MAX_TERMS; n++) {
            t = -t * x2 * INVERSE[n];
            double term = t * INVERSE_ODD[n];
            s += term;
            if (Math.abs(term) < 1e-17 * Math.abs(s)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * s;
    }

    private static double positiveSeries(double a) {
        double x2 = a * a;
        double twoX2 = 2 * x2;
        double t = a;
        double s = a;
        for (int n = 1; n <= MAX_TERMS; n++) {
            t = t * twoX2 * INVERSE_ODD[n];
            s += t;
            if (t < 1e-17 * s) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * (expMinusSquare(a) * s);
    }

    private static double continuedFraction(double a) {
        double f = a;
        for (int k = FRACTION_DEPTH; k > 0; k--) {
            f = a + 0.5 * k / f;
        }
        return expMinusSquare(a) / f * ONE_OVER_SQRT_PI;
    }

    /** e^{−a²} with a² = hi + lo exactly: e^{−hi}·e^{−lo} ≈ e^{−hi}·(1 − lo), since |lo| ≤ ulp(hi)/2. */
    private static double expMinusSquare(double a) {
        double hi = a * a;
        double lo = Math.fma(a, a, -hi);
        return Math.exp(-hi) * (1 - lo);
    }
}
