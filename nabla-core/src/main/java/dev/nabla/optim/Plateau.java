package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reduce-on-plateau as {@code ReduceLROnPlateau} in mode min with a relative threshold: after each epoch, a loss
 * below best·(1 − threshold) is the new best; after more than {@code patience} epochs without one, η ←
 * max(η·factor, η_min) (when that lowers η by more than 1e-8), then {@code cooldown} epochs are not counted.
 */
final class Plateau implements Curve {
    private static final double EPS = 1e-8;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minRate;
    private double rate;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;
    private int cooldownCounter;

    Plateau(double base, double factor, int patience, double threshold, int cooldown, double minRate) {
        this.rate = base;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minRate = minRate;
    }

    @Override
    public double rate(long t) {
        return rate;
    }

    @Override
    public void epochEnd(double loss) {
        if (loss < best * (1 - threshold)) {
            best = loss;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            double lower = Math.max(rate * factor, minRate);
            if (rate - lower > EPS) {
                rate = lower;
            }
            cooldownCounter = cooldown;
            badEpochs = 0;
        }
    }

    @Override
    public Map<String, Double> state() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("plateau_lr", rate);
        s.put("best", best);
        s.put("num_bad_epochs", (double) badEpochs);
        s.put("cooldown_counter", (double) cooldownCounter);
        return s;
    }

    @Override
    public void loadState(Map<String, Double> state) {
        rate = state.get("plateau_lr");
        best = state.get("best");
        badEpochs = state.get("num_bad_epochs").intValue();
        cooldownCounter = state.get("cooldown_counter").intValue();
    }
}
