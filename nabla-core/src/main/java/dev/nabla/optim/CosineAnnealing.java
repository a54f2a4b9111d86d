package dev.nabla.optim;

/**
 * η_t = η_min + (η − η_min)·(1 + cos(π·T_cur/T_i))/2, as {@code CosineAnnealingLR} (T_cur = t, T_i = the run's
 * steps) or, with warm restarts, {@code CosineAnnealingWarmRestarts} stepped every step (T_cur restarts at 0 after
 * T_i steps, and T_i grows by the factor T_mult at each restart).
 *
 * @param base    η, the rate at the top of each cycle
 * @param floor   η_min
 * @param period  T_0 in steps: the run's length without restarts, the first cycle's with them
 * @param restart whether the rate restarts after each cycle
 * @param mult    T_mult ≥ 1, the growth of each cycle over the previous one
 */
record CosineAnnealing(double base, double floor, long period, boolean restart, long mult) implements Curve {
    @Override
    public double rate(long t) {
        long tCur = Math.min(t, period);
        long length = period;
        if (restart) {
            tCur = t;
            while (tCur >= length) {
                tCur -= length;
                length *= mult;
            }
        }
        return floor + (base - floor) * (1 + Math.cos(Math.PI * tCur / length)) / 2;
    }
}
