package dev.nabla.data;

import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.ShapeException;
import dev.nabla.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;

/**
 * Batches over in-memory features X [N, D] and targets Y ([N] or [N, K]) in the three regimes of the Chau
 * seed: {@link #stochastic} (batch 1, row j drawn uniformly from 1..N at every step), {@link #miniBatch}
 * (a seeded shuffle, then consecutive batches; one pass = one epoch) and {@link #fullBatch}. The batch
 * tensors are reused from batch to batch (a batch is valid until the next call of {@link #next()}).
 */
public final class Batches implements Iterator<Batch>, Iterable<Batch> {
    private final Tensor x;
    private final Tensor y;
    private final int[] order;
    private final int batchSize;
    private final RandomGenerator rng;
    private final boolean sampleWithReplacement;
    private final long total;
    private long drawn;
    private int cursor;
    private Batch full;
    private Batch last;

    private Batches(Tensor x, Tensor y, int batchSize, RandomGenerator rng, boolean withReplacement, long total) {
        if (x.rows() != y.rows() && !(y.rank() == 1 && y.size() == x.rows())) {
            throw new ShapeException("features " + x.shapeString() + " and targets " + y.shapeString()
                    + " have different numbers of rows");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.x = x;
        this.y = y;
        this.batchSize = Math.min(batchSize, x.rows());
        this.rng = rng;
        this.sampleWithReplacement = withReplacement;
        this.total = total;
        this.order = new int[x.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (rng != null && !withReplacement) {
            shuffle(order, rng);
        }
    }

    /** {@code steps} single-row batches, each row drawn uniformly at random (with replacement). */
    public static Batches stochastic(Tensor x, Tensor y, long steps, RandomGenerator rng) {
        return new Batches(x, y, 1, rng, true, steps);
    }

    /** One epoch of batches of {@code batchSize} rows (the last may be smaller), shuffled by {@code rng} or in order when rng is null. */
    public static Batches miniBatch(Tensor x, Tensor y, int batchSize, RandomGenerator rng) {
        int n = x.rows();
        return new Batches(x, y, batchSize, rng, false, (n + Math.max(1, Math.min(batchSize, n)) - 1) / Math.max(1, Math.min(batchSize, n)));
    }

    /** One batch holding every row, in order. */
    public static Batches fullBatch(Tensor x, Tensor y) {
        return new Batches(x, y, Math.max(1, x.rows()), null, false, 1);
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

    @Override
    public boolean hasNext() {
        return drawn < total;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        drawn++;
        int size;
        if (sampleWithReplacement) {
            order[0] = rng.nextInt(x.rows());
            cursor = 0;
            size = 1;
        } else {
            size = Math.min(batchSize, x.rows() - cursor);
        }
        Batch b = buffers(size);
        Linalg.gatherRows(x, order, cursor, b.features());
        Linalg.gatherRows(y.rank() == 1 ? y.reshape(y.size(), 1) : y, order, cursor,
                y.rank() == 1 ? b.targets().reshape(size, 1) : b.targets());
        if (!sampleWithReplacement) {
            cursor += size;
        }
        return b;
    }

    private Batch buffers(int size) {
        if (size == batchSize) {
            if (full == null) {
                full = newBatch(size);
            }
            return full;
        }
        if (last == null || last.size() != size) {
            last = newBatch(size);
        }
        return last;
    }

    private Batch newBatch(int size) {
        Tensor features = Tensor.zeros(x.dtype(), size, x.cols());
        Tensor targets = y.rank() == 1 ? Tensor.zeros(y.dtype(), size) : Tensor.zeros(y.dtype(), size, y.cols());
        return new Batch(features, targets);
    }

    @Override
    public Iterator<Batch> iterator() {
        return this;
    }
}
