package dev.nabla.train;

/**
 * Training stopped because the loss or a gradient stopped being a finite number; the weights are those from before
 * the step that diverged. The message names the epoch, the step and the learning rate, and what to try.
 */
public final class DivergedException extends RuntimeException {
    private final int epoch;
    private final long step;

    public DivergedException(int epoch, long step, String message) {
        super(message);
        this.epoch = epoch;
        this.step = step;
    }

    /** The epoch of the step that diverged (1-based). */
    public int epoch() {
        return epoch;
    }

    /** The step within the epoch (1-based). */
    public long step() {
        return step;
    }
}
