package dev.nabla.optim;

/**
 * A line search for a step t along d that satisfies the strong Wolfe conditions f(x + t·d) ≤ f(x) + c₁·t·gᵀd and
 * |g(x + t·d)ᵀd| ≤ c₂·|gᵀd| (c₁ = 1e-4, c₂ = 0.9): bracketing by cubic extrapolation, then zooming by cubic
 * interpolation, as minFunc's and PyTorch's {@code _strong_wolfe} do, so that L-BFGS follows their trajectory.
 * Buffers of the search are kept from call to call.
 */
final class StrongWolfe {
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_EVALUATIONS = 25;

    /** f and its gradient ∇f at x + t·d, the gradient written into {@code gradient}. */
    interface Line {
        double evaluate(double t, double[] gradient);
    }

    private final double[] gNew;
    private final double[][] bracketG;
    private final double[] bracketT = new double[2];
    private final double[] bracketF = new double[2];
    private final double[] bracketGtd = new double[2];

    /** After {@link #search}: the step found, f there, and how many evaluations it took. */
    double step;
    double value;
    int evaluations;

    StrongWolfe(int n) {
        gNew = new double[n];
        bracketG = new double[][] {new double[n], new double[n]};
    }

    /**
     * Searches from step {@code t} along {@code d}, where f(x) = {@code f}, ∇f(x) = {@code g} and gᵀd = {@code gtd};
     * leaves the chosen step in {@link #step}, f there in {@link #value} and ∇f there in {@code gradientOut}.
     */
    void search(Line line, double t, double[] d, double f, double[] g, double gtd, double toleranceChange,
                double[] gradientOut) {
        double dNorm = maxAbs(d);
        double fNew = line.evaluate(t, gNew);
        int evals = 1;
        double gtdNew = dot(gNew, d);

        // Bracketing: grow t until the interval [tPrev, t] holds a point satisfying the conditions.
        double tPrev = 0;
        double fPrev = f;
        double gtdPrev = gtd;
        double[] gPrev = bracketG[0];
        System.arraycopy(g, 0, gPrev, 0, g.length);
        boolean done = false;
        int iterations = 0;
        while (iterations < MAX_EVALUATIONS) {
            boolean sufficientDecrease = !(fNew > f + C1 * t * gtd || (iterations > 1 && fNew >= fPrev));
            boolean curvature = Math.abs(gtdNew) <= -C2 * gtd;
            if (!sufficientDecrease || (!curvature && gtdNew >= 0)) {
                setBracket(0, tPrev, fPrev, gPrev, gtdPrev);
                setBracket(1, t, fNew, gNew, gtdNew);
                break;
            }
            if (curvature) {
                setBracket(0, t, fNew, gNew, gtdNew);
                setBracket(1, t, fNew, gNew, gtdNew);
                done = true;
                break;
            }
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double previous = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = previous;
            fPrev = fNew;
            System.arraycopy(gNew, 0, gPrev, 0, gNew.length);
            gtdPrev = gtdNew;
            fNew = line.evaluate(t, gNew);
            evals++;
            gtdNew = dot(gNew, d);
            iterations++;
        }
        if (iterations == MAX_EVALUATIONS) {
            setBracket(0, 0, f, g, Double.NaN);
            setBracket(1, t, fNew, gNew, Double.NaN);
        }

        // Zoom: shrink the bracket until a point satisfies the conditions.
        int low = bracketF[0] <= bracketF[1] ? 0 : 1;
        int high = 1 - low;
        boolean insufficientProgress = false;
        while (!done && iterations < MAX_EVALUATIONS) {
            if (Math.abs(bracketT[1] - bracketT[0]) * dNorm < toleranceChange) {
                break;
            }
            t = cubicInterpolate(bracketT[0], bracketF[0], bracketGtd[0], bracketT[1], bracketF[1], bracketGtd[1],
                    Math.min(bracketT[0], bracketT[1]), Math.max(bracketT[0], bracketT[1]));
            // Too close to an end of the bracket: move to 10 % of its length from that end, when the previous
            // trial was also too close or t sits on the end.
            double hi = Math.max(bracketT[0], bracketT[1]);
            double lo = Math.min(bracketT[0], bracketT[1]);
            double eps = 0.1 * (hi - lo);
            if (Math.min(hi - t, t - lo) < eps) {
                if (insufficientProgress || t >= hi || t <= lo) {
                    t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            fNew = line.evaluate(t, gNew);
            evals++;
            gtdNew = dot(gNew, d);
            iterations++;
            if (fNew > f + C1 * t * gtd || fNew >= bracketF[low]) {
                setBracket(high, t, fNew, gNew, gtdNew);
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    done = true;
                } else if (gtdNew * (bracketT[high] - bracketT[low]) >= 0) {
                    setBracket(high, bracketT[low], bracketF[low], bracketG[low], bracketGtd[low]);
                }
                setBracket(low, t, fNew, gNew, gtdNew);
            }
        }
        step = bracketT[low];
        value = bracketF[low];
        evaluations = evals;
        System.arraycopy(bracketG[low], 0, gradientOut, 0, gradientOut.length);
    }

    private void setBracket(int i, double t, double f, double[] g, double gtd) {
        bracketT[i] = t;
        bracketF[i] = f;
        if (g != null && g != bracketG[i]) {
            System.arraycopy(g, 0, bracketG[i], 0, g.length);
        }
        bracketGtd[i] = gtd;
    }

    /**
     * The minimiser, clamped to [lo, hi], of the cubic through (x₁, f₁) and (x₂, f₂) with slopes g₁ and g₂:
     * d₁ = g₁ + g₂ − 3(f₁ − f₂)/(x₁ − x₂), d₂ = √(d₁² − g₁g₂), x = x₂ − (x₂ − x₁)·(g₂ + d₂ − d₁)/(g₂ − g₁ + 2d₂);
     * the middle of [lo, hi] when the cubic has no minimum.
     */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2,
                                   double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double min = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(min, lo), hi);
        }
        return (lo + hi) / 2;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
