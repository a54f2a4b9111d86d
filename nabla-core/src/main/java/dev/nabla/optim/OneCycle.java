package dev.nabla.optim;

/**
 * The 1cycle policy as {@code OneCycleLR} (without its momentum cycling): from η_max/div up to η_max over the first
 * pct_start of the steps, then down to η_max/(div·final_div) (three phases: back to η_max/div over as many steps,
 * then down to the minimum), each phase annealed by cosine, a(s, e, p) = e + (s − e)·(1 + cos πp)/2, or linearly.
 */
final class OneCycle implements Curve {
    private final long total;
    private final boolean linear;
    /** Per phase: the step it ends at (as OneCycleLR computes it, in floating point), its start and end rates. */
    private final double[] ends;
    private final double[] from;
    private final double[] to;

    /** @param total steps of the cycle (the run's after the warm-up) */
    OneCycle(double maxRate, long total, double pctStart, double divFactor, double finalDivFactor, boolean linear,
             boolean threePhase) {
        this.total = total;
        this.linear = linear;
        double initial = maxRate / divFactor;
        double min = initial / finalDivFactor;
        double up = pctStart * total - 1;
        ends = threePhase ? new double[] {up, 2 * pctStart * total - 2, total - 1} : new double[] {up, total - 1};
        from = threePhase ? new double[] {initial, maxRate, initial} : new double[] {initial, maxRate};
        to = threePhase ? new double[] {maxRate, initial, min} : new double[] {maxRate, min};
    }

    @Override
    public double rate(long t) {
        // After the last step the rate is no longer used; it stays at the last one rather than extrapolate.
        double step = Math.min(t, total - 1);
        double start = 0;
        for (int i = 0; i < ends.length; i++) {
            if (step <= ends[i] || i == ends.length - 1) {
                // A phase of no steps (a very short run) is already over.
                double pct = ends[i] > start ? (step - start) / (ends[i] - start) : 1;
                return linear ? (to[i] - from[i]) * pct + from[i]
                        : to[i] + (from[i] - to[i]) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            }
            start = ends[i];
        }
        throw new AssertionError("the last phase always answers");
    }
}
