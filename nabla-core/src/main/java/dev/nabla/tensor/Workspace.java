package dev.nabla.tensor;

import java.util.ArrayList;

/**
 * A pool of temporary tensors for one thread, so that a training step in steady state allocates no
 * tensor storage. While a workspace is open, {@link #temporary} hands out tensors in allocation order;
 * {@link #reset()} makes all of them reusable, so the next step with the same shapes receives the same
 * arrays. Tensors handed out before a reset must not be used after it.
 * <pre>{@code
 * try (Workspace ws = Workspace.open()) {
 *     for (...) { ws.reset(); loss = step(...); }
 * }
 * }</pre>
 */
public final class Workspace implements AutoCloseable {
    private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

    private final Workspace outer;
    private final Thread owner;
    private final ArrayList<Bucket> buckets = new ArrayList<>();
    private boolean closed;

    private Workspace(Workspace outer) {
        this.outer = outer;
        this.owner = Thread.currentThread();
    }

    /** Opens a workspace on the calling thread; it stays current until closed. */
    public static Workspace open() {
        Workspace ws = new Workspace(CURRENT.get());
        CURRENT.set(ws);
        return ws;
    }

    /**
     * A workspace current on no thread, for an object that keeps its own between calls made on any thread (a
     * predictor that serves one request at a time): {@link #enter} makes it current while it is used.
     */
    public static Workspace detached() {
        return new Workspace(null);
    }

    /**
     * Makes this workspace current on the calling thread until the returned scope is closed, when the workspace
     * current before (if any) is again. For a {@link #detached} workspace, used by one thread at a time.
     */
    public Entered enter() {
        Workspace before = CURRENT.get();
        CURRENT.set(this);
        return new Entered(before);
    }

    /** The scope of {@link #enter}. */
    public static final class Entered implements AutoCloseable {
        private final Workspace before;

        private Entered(Workspace before) {
            this.before = before;
        }

        @Override
        public void close() {
            makeCurrent(before);
        }
    }

    /** Makes every tensor handed out so far available again. */
    public void reset() {
        for (int i = 0, n = buckets.size(); i < n; i++) {
            buckets.get(i).next = 0;
        }
    }

    /** Number of distinct tensors this workspace holds (for tests and diagnostics). */
    public int pooledTensors() {
        int n = 0;
        for (Bucket b : buckets) {
            n += b.tensors.size();
        }
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner || CURRENT.get() != this) {
            throw new IllegalStateException("workspaces must be closed on their thread, innermost first");
        }
        closed = true;
        buckets.clear();
        makeCurrent(outer);
    }

    /** Makes {@code w} the thread's current workspace again (none when null). */
    private static void makeCurrent(Workspace w) {
        if (w == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(w);
        }
    }

    /**
     * A tensor for intermediate results: from the open workspace if there is one, otherwise new.
     * Its contents are zero when {@code zeroed}, unspecified otherwise.
     */
    public static Tensor temporary(DType dtype, int rank, int rows, int cols, boolean zeroed) {
        if (rank == 1 && rows != 1 || rank < 1 || rank > 2) {
            throw new ShapeException("temporary tensor: rank " + rank + " with " + rows + " rows");
        }
        Workspace ws = CURRENT.get();
        if (ws == null) {
            return rank == 1 ? Tensor.zeros(dtype, cols) : Tensor.zeros(dtype, rows, cols);
        }
        Tensor t = ws.take(dtype, rank, rows, cols);
        if (zeroed) {
            t.fillInPlace(0);
        }
        return t;
    }

    /** A temporary tensor with the dtype and shape of {@code like}. */
    public static Tensor temporaryLike(Tensor like, boolean zeroed) {
        return temporary(like.dtype(), like.rank(), like.rows(), like.cols(), zeroed);
    }

    private Tensor take(DType dtype, int rank, int rows, int cols) {
        Bucket bucket = null;
        for (int i = 0, n = buckets.size(); i < n; i++) {
            Bucket b = buckets.get(i);
            if (b.dtype == dtype && b.rank == rank && b.rows == rows && b.cols == cols) {
                bucket = b;
                break;
            }
        }
        if (bucket == null) {
            bucket = new Bucket(dtype, rank, rows, cols);
            buckets.add(bucket);
        }
        if (bucket.next == bucket.tensors.size()) {
            bucket.tensors.add(rank == 1 ? Tensor.zeros(dtype, cols) : Tensor.zeros(dtype, rows, cols));
        }
        return bucket.tensors.get(bucket.next++);
    }

    private static final class Bucket {
        final DType dtype;
        final int rank;
        final int rows;
        final int cols;
        final ArrayList<Tensor> tensors = new ArrayList<>();
        int next;

        Bucket(DType dtype, int rank, int rows, int cols) {
            this.dtype = dtype;
            this.rank = rank;
            this.rows = rows;
            this.cols = cols;
        }
    }
}
