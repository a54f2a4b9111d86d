package dev.nabla.data;

import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.ShapeException;
import dev.nabla.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Batches over in-memory features X [N, D] and targets Y ([N] or [N, K]) in the three regimes of the Chau
 * seed: {@link #stochastic} (batch 1, row j drawn uniformly from 1..N at every step), {@link #miniBatch}
 * (a seeded shuffle, then consecutive batches; one pass is one epoch) and {@link #fullBatch}.
 * <p>Each {@link #iterator()} is a new pass — a new epoch, reshuffled by the same generator — so
 * {@code for (Batch b : batches)} inside an epoch loop does what it says. The batch tensors are reused from
 * batch to batch: a batch is valid until the next one is drawn.
 */
public final class Batches implements Iterator<Batch>, Iterable<Batch> {
    private final Tensor x;
    private final Tensor y;
    private final int[] order;
    private final int batchSize;
    private final RandomGenerator rng;
    private final boolean shuffle;
    private final boolean withReplacement;
    private final long batchesPerPass;
    private long drawn;
    private int cursor;
    private Buffers full;
    private Buffers last;

    private Batches(Tensor x, Tensor y, int batchSize, RandomGenerator rng, boolean shuffle, boolean withReplacement,
                    long batchesPerPass) {
        if (x.rank() != 2) {
            throw new ShapeException("features must be a matrix [rows, features], got " + x.shapeString());
        }
        int targetRows = y.rank() == 1 ? y.size() : y.rows();
        if (targetRows != x.rows()) {
            throw new ShapeException("features " + x.shapeString() + " and targets " + y.shapeString()
                    + " have different numbers of rows");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.x = x;
        this.y = y;
        this.batchSize = Math.min(batchSize, Math.max(1, x.rows()));
        this.rng = rng;
        this.shuffle = shuffle;
        this.withReplacement = withReplacement;
        this.batchesPerPass = batchesPerPass;
        this.order = new int[x.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        startPass();
    }

    /** {@code steps} single-row batches per pass, each row drawn uniformly at random (with replacement). */
    public static Batches stochastic(Tensor x, Tensor y, long steps, RandomGenerator rng) {
        return new Batches(x, y, 1, Objects.requireNonNull(rng, "rng"), false, true, steps);
    }

    /** Passes of batches of {@code batchSize} rows (the last may be smaller), each pass shuffled by {@code rng}. */
    public static Batches miniBatch(Tensor x, Tensor y, int batchSize, RandomGenerator rng) {
        return new Batches(x, y, batchSize, Objects.requireNonNull(rng, "rng (use inOrder for no shuffling)"), true,
                false, batchCount(x.rows(), batchSize));
    }

    /** Passes of batches of {@code batchSize} rows in row order, without shuffling. */
    public static Batches inOrder(Tensor x, Tensor y, int batchSize) {
        return new Batches(x, y, batchSize, null, false, false, batchCount(x.rows(), batchSize));
    }

    /** Passes of one batch holding every row, in order. */
    public static Batches fullBatch(Tensor x, Tensor y) {
        return new Batches(x, y, Math.max(1, x.rows()), null, false, false, 1);
    }

    private static long batchCount(int rows, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        return (rows + batchSize - 1) / batchSize;
    }

    /** Fisher–Yates shuffle driven by {@code rng}: the same seed gives the same order. */
    public static void shuffle(int[] a, RandomGenerator rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Moves a fresh iterator (as constructed, with the same generator state) to where one would be after
     * {@code passes} whole passes and {@code into} batches of the next: a resumed run draws the same batches as the
     * run that was interrupted. Returns this, to be iterated without {@link #iterator()} when {@code into} > 0.
     */
    public Batches seek(long passes, long into) {
        if (drawn != 0 || passes < 0 || into < 0 || into >= batchesPerPass) {
            throw new IllegalStateException("seek(" + passes + ", " + into + ") on batches at " + drawn + " of "
                    + batchesPerPass);
        }
        for (long p = 0; p < passes; p++) {
            if (withReplacement) {
                for (long k = 0; k < batchesPerPass; k++) {
                    rng.nextInt(x.rows());
                }
            }
            startPass();
        }
        for (long k = 0; k < into; k++) {
            drawn++;
            if (withReplacement) {
                rng.nextInt(x.rows());
            } else {
                cursor += Math.min(batchSize, x.rows() - cursor);
            }
        }
        return this;
    }

    /** Batches in one pass. */
    public long batchesPerPass() {
        return batchesPerPass;
    }

    private void startPass() {
        drawn = 0;
        cursor = 0;
        if (shuffle) {
            shuffle(order, rng);
        }
    }

    @Override
    public boolean hasNext() {
        return drawn < batchesPerPass;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        drawn++;
        int size;
        if (withReplacement) {
            order[0] = rng.nextInt(x.rows());
            cursor = 0;
            size = 1;
        } else {
            size = Math.min(batchSize, x.rows() - cursor);
        }
        Buffers b = buffers(size);
        Linalg.gatherRows(x, order, cursor, b.batch.features());
        Linalg.gatherRows(b.targetSource, order, cursor, b.targetRows);
        if (!withReplacement) {
            cursor += size;
        }
        return b.batch;
    }

    /** A new pass over the data: the first call continues the pass begun at construction, later calls start anew. */
    @Override
    public Iterator<Batch> iterator() {
        if (drawn > 0) {
            startPass();
        }
        return this;
    }

    private Buffers buffers(int size) {
        if (size == batchSize) {
            if (full == null) {
                full = new Buffers(size);
            }
            return full;
        }
        if (last == null || last.batch.size() != size) {
            last = new Buffers(size);
        }
        return last;
    }

    /** A batch and the matrix views its gather writes through (rank-1 targets are gathered as one column). */
    private final class Buffers {
        final Batch batch;
        final Tensor targetSource;
        final Tensor targetRows;

        Buffers(int size) {
            Tensor features = Tensor.zeros(x.dtype(), size, x.cols());
            Tensor targets = y.rank() == 1 ? Tensor.zeros(y.dtype(), size) : Tensor.zeros(y.dtype(), size, y.cols());
            batch = new Batch(features, targets);
            targetSource = y.rank() == 1 ? y.reshape(y.size(), 1) : y;
            targetRows = y.rank() == 1 ? targets.reshape(size, 1) : targets;
        }
    }
}
