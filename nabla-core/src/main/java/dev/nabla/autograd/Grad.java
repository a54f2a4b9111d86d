package dev.nabla.autograd;

/**
 * Whether ops record the graph on this thread. Inside {@link #noGrad()} every op result is a constant,
 * which is what inference wants: no graph, no retained intermediates.
 * <pre>{@code try (var scope = Grad.noGrad()) { Variable y = model.forward(x); } }</pre>
 */
public final class Grad {
    private static final ThreadLocal<int[]> DISABLED_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Grad() {
    }

    /** True unless the calling thread is inside a {@link #noGrad()} scope. */
    public static boolean isEnabled() {
        return DISABLED_DEPTH.get()[0] == 0;
    }

    /** Disables graph recording on this thread until the returned scope is closed; scopes nest. */
    public static Scope noGrad() {
        int[] depth = DISABLED_DEPTH.get();
        depth[0]++;
        return new Scope(depth);
    }

    /** A scope of this thread ({@link #noGrad()}, {@link Functional#unfused()}); closing it twice is harmless. */
    public static final class Scope implements AutoCloseable {
        private final int[] depth;
        private boolean closed;

        Scope(int[] depth) {
            this.depth = depth;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                depth[0]--;
            }
        }
    }
}
