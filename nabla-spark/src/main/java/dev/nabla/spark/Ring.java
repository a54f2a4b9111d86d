package dev.nabla.spark;

import dev.nabla.tensor.Simd;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Ring all-reduce of a flat buffer among the K replicas of a barrier stage, over TCP: K − 1 reduce-scatter steps
 * (rank r sends chunk r − s to rank r + 1 and adds chunk r − s − 1 from rank r − 1 into its own), then K − 1
 * all-gather steps that copy the finished chunks around. Each rank sends and receives 2·(K − 1)/K of the buffer per
 * call, whatever K. Chunk c is summed in the fixed order g_c + g_{c+1} + … around the ring and every rank ends with
 * the bits of the rank that finished it, so all replicas hold the same sum and apply the same update.
 *
 * <p>The buffer is direct memory ({@link Buffer}) that the sockets read and write in place. Each step sends and
 * receives in the calling thread with non-blocking channels (waiting in a selector only when neither can move, so
 * that two ranks sending to each other never both wait on full socket buffers), adding received elements as they
 * arrive. Each rank listens on the host Spark runs its task on; the addresses go around with {@code allGather}.
 */
final class Ring implements AutoCloseable {
    /** Whether the element-wise sum runs on vectors first ({@link VectorSums}). */
    private static final boolean VECTORS = Simd.enabled();
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final Consumer<SelectionKey> IGNORE = k -> { };

    private final int rank;
    private final int size;
    private final SocketChannel next;
    private final SocketChannel previous;
    private final Selector selector;
    private final SelectionKey writing;
    private final SelectionKey reading;
    private ByteBuffer in = ByteBuffer.allocateDirect(0);
    private MemorySegment inMemory = MemorySegment.ofBuffer(in);
    private ByteBuffer sending;
    private ByteBuffer receiving;
    private MemorySegment workMemory;
    private Buffer small = new Buffer(0);

    private Ring(int rank, int size, SocketChannel next, SocketChannel previous) throws IOException {
        this.rank = rank;
        this.size = size;
        this.next = next;
        this.previous = previous;
        if (size > 1) {
            next.configureBlocking(false);
            previous.configureBlocking(false);
            selector = Selector.open();
            writing = next.register(selector, 0);
            reading = previous.register(selector, 0);
        } else {
            selector = null;
            writing = null;
            reading = null;
        }
    }

    /**
     * Connects the ranks: each listens on {@code host}, {@code exchange} hands every rank's "host:port" to all (in
     * rank order; {@code BarrierTaskContext.allGather}), then each connects to rank + 1 and accepts rank − 1.
     */
    static Ring connect(int rank, int size, String host, Function<String, String[]> exchange) throws IOException {
        if (size == 1) {
            return new Ring(0, 1, null, null);
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String[] addresses = exchange.apply(host + ":" + port);
            String target = addresses[(rank + 1) % size];
            int colon = target.lastIndexOf(':');
            SocketChannel next = SocketChannel.open();
            next.setOption(StandardSocketOptions.TCP_NODELAY, true);
            next.connect(new InetSocketAddress(InetAddress.getByName(target.substring(0, colon)),
                    Integer.parseInt(target.substring(colon + 1))));
            SocketChannel previous = server.accept();
            previous.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new Ring(rank, size, next, previous);
        }
    }

    /**
     * Direct memory that the sockets read and write in place, with the views {@link #sum} needs; {@link #memory}
     * holds the elements in the byte order of {@link #FLOAT} and {@link #DOUBLE}.
     */
    static final class Buffer {
        private final ByteBuffer bytes;
        private final ByteBuffer sending;
        private final ByteBuffer receiving;
        private final MemorySegment memory;

        Buffer(int bytes) {
            this.bytes = ByteBuffer.allocateDirect(bytes).order(ORDER);
            this.sending = this.bytes.duplicate();
            this.receiving = this.bytes.duplicate();
            this.memory = MemorySegment.ofBuffer(this.bytes);
        }

        MemorySegment memory() {
            return memory;
        }
    }

    /** The layouts of the elements in a {@link Buffer}. */
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ORDER);
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ORDER);

    int size() {
        return size;
    }

    /**
     * Replaces the first {@code n} elements of {@code buffer} (floats, or doubles when {@code f64}) on every rank
     * by the element-wise sum of all ranks' (same n everywhere).
     */
    void sum(Buffer buffer, int n, boolean f64) {
        if (size == 1) {
            return;
        }
        sending = buffer.sending;
        receiving = buffer.receiving;
        workMemory = buffer.memory;
        int bytes = f64 ? Double.BYTES : Float.BYTES;
        try {
            for (int s = 0; s < size - 1; s++) {
                exchange(n, bytes, Math.floorMod(rank - s, size), Math.floorMod(rank - s - 1, size), true);
            }
            for (int s = 0; s < size - 1; s++) {
                exchange(n, bytes, Math.floorMod(rank + 1 - s, size), Math.floorMod(rank - s, size), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ring all-reduce, rank " + rank + " of " + size + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #sum(Buffer, int, boolean)}, for a few float64 values. */
    void sum(double[] values) {
        if (size == 1) {
            return;
        }
        if (small.memory.byteSize() < (long) values.length * Double.BYTES) {
            small = new Buffer(values.length * Double.BYTES);
        }
        MemorySegment.copy(values, 0, small.memory, DOUBLE, 0, values.length);
        sum(small, values.length, true);
        MemorySegment.copy(small.memory, DOUBLE, 0, values, 0, values.length);
    }

    /** First element of chunk {@code c} (0 ≤ c ≤ size) of a buffer of {@code length} elements. */
    private int start(int length, int c) {
        return (int) ((long) length * c / size);
    }

    /**
     * Sends chunk {@code send} of the work buffer to the next rank while receiving chunk {@code receive} from the
     * previous one, added to the work buffer's ({@code add}) or in place of it.
     */
    private void exchange(int n, int bytes, int send, int receive, boolean add) throws IOException {
        int from = start(n, receive);
        int count = start(n, receive + 1) - from;
        sending.limit(start(n, send + 1) * bytes).position(start(n, send) * bytes);
        ByteBuffer target;
        if (add) {
            if (in.capacity() < count * bytes) {
                in = ByteBuffer.allocateDirect(Math.max(count * bytes, in.capacity() * 2));
                inMemory = MemorySegment.ofBuffer(in);
            }
            target = in.clear().limit(count * bytes);
        } else {
            target = receiving.limit((from + count) * bytes).position(from * bytes);
        }
        int added = 0;
        while (sending.hasRemaining() || target.hasRemaining()) {
            int wrote = sending.hasRemaining() ? next.write(sending) : 0;
            int read = target.hasRemaining() ? previous.read(target) : 0;
            if (read < 0) {
                throw new IOException("the previous rank closed its connection");
            }
            if (add && read > 0) {
                int arrived = target.position() / bytes;
                add(bytes, from + added, added, arrived - added);
                added = arrived;
            }
            if (wrote == 0 && read == 0) {
                writing.interestOps(sending.hasRemaining() ? SelectionKey.OP_WRITE : 0);
                reading.interestOps(target.hasRemaining() ? SelectionKey.OP_READ : 0);
                selector.select(IGNORE);
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("interrupted");
                }
            }
        }
    }

    /** work[at + i] ← work[at + i] + in[inAt + i] for i &lt; count: the own share first, as the order requires. */
    private void add(int bytes, int at, int inAt, int count) {
        add(workMemory, (long) at * bytes, inMemory, (long) inAt * bytes, count, bytes);
    }

    /**
     * work[w + i] ← work[w + i] + in[r + i] for i &lt; count floats or doubles ({@code bytes} each; w and r in
     * bytes), vectors first where the Vector API is in use: the same IEEE addition per element either way.
     */
    static void add(MemorySegment work, long w, MemorySegment in, long r, int count, int bytes) {
        if (bytes == Float.BYTES) {
            int i = VECTORS ? VectorSums.addFloats(work, w, in, r, count) : 0;
            for (; i < count; i++) {
                work.set(FLOAT, w + i * 4L, work.get(FLOAT, w + i * 4L) + in.get(FLOAT, r + i * 4L));
            }
        } else {
            int i = VECTORS ? VectorSums.addDoubles(work, w, in, r, count) : 0;
            for (; i < count; i++) {
                work.set(DOUBLE, w + i * 8L, work.get(DOUBLE, w + i * 8L) + in.get(DOUBLE, r + i * 8L));
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (selector != null) {
            selector.close();
        }
        if (next != null) {
            next.close();
        }
        if (previous != null) {
            previous.close();
        }
    }
}
