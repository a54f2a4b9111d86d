package dev.nabla.nn;

import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Normalization;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout, PyTorch's {@code Dropout(p)}: in training Y = X ⊙ M, each M_ij = 1/(1 − p) with probability
 * 1 − p and 0 otherwise; in evaluation Y = X. The mask of training forward number s is a function of (seed, s) and
 * the element's position only, so a run does not depend on the thread count, and {@link #seek} resumes it. The
 * generator's position is not in the state dict (PyTorch's dropout has no state either).
 */
public final class Dropout extends Module implements Positioned {
    private final DropoutSpec spec;
    private long seed;
    private long steps;
    private int[] rows;

    /** Dropout with rate p in [0, 1) whose masks derive from {@code seed}. */
    public Dropout(double rate, long seed) {
        this.spec = new DropoutSpec(rate);
        this.seed = seed;
    }

    /** Dropout with rate p in [0, 1), its seed drawn from {@code rng}. */
    public Dropout(double rate, RandomGenerator rng) {
        this(rate, rng.nextLong());
    }

    @Override
    public Variable forward(Variable x) {
        if (!isTraining() || spec.rate() == 0) {
            return x;
        }
        return Functional.dropout(x, spec.rate(), seed, steps++, rows);
    }

    /**
     * The mask of the next training forward, as {@link #forward} would draw it (a workspace tensor shaped like
     * {@code x}), and one step on; null in evaluation or for rate 0. For the fused batch norm of {@link Sequential}.
     */
    Tensor nextMask(Tensor x) {
        if (!isTraining() || spec.rate() == 0) {
            return null;
        }
        Tensor mask = Workspace.temporaryLike(x, false);
        Normalization.dropoutMask(seed, steps++, spec.rate(), mask, rows);
        return mask;
    }

    /** The rate p. */
    public double rate() {
        return spec.rate();
    }

    /** The seed the masks derive from. */
    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void reseed(long value) {
        this.seed = value;
    }

    /** The number of training forwards so far: the mask of the next one is that of step {@code position()}. */
    @Override
    public long position() {
        return steps;
    }

    /** Moves the generator to step {@code step}, e.g. to resume a run from a checkpoint. */
    @Override
    public void seek(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("dropout step must not be negative, got " + step);
        }
        this.steps = step;
    }

    @Override
    public void rows(int[] positions) {
        this.rows = positions;
    }

    @Override
    public void skip() {
        if (isTraining() && spec.rate() != 0) {
            steps++;
        }
    }

    @Override
    public DropoutSpec spec() {
        return spec;
    }
}
