package dev.nabla.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Ring all-reduce of a flat buffer among the K replicas of a barrier stage, over TCP: K − 1 reduce-scatter steps
 * (rank r sends chunk r − s to rank r + 1 and adds chunk r − s − 1 from rank r − 1 into its own), then K − 1
 * all-gather steps that copy the finished chunks around. Each rank sends and receives 2·(K − 1)/K of the buffer per
 * call, whatever K. Chunk c is summed in the fixed order g_c + g_{c+1} + … around the ring and every rank ends with
 * the bits of the rank that finished it, so all replicas hold the same sum and apply the same update.
 *
 * <p>Each rank listens on the host Spark runs its task on; the addresses go around with {@code allGather}. A
 * sender thread writes while the caller reads, so that two ranks sending to each other never both wait on full
 * socket buffers.
 */
final class Ring implements AutoCloseable {
    private final int rank;
    private final int size;
    private final SocketChannel next;
    private final SocketChannel previous;
    private final ExecutorService sender;
    private ByteBuffer out = ByteBuffer.allocateDirect(0);
    private ByteBuffer in = ByteBuffer.allocateDirect(0);
    private float[] scratchF = new float[0];
    private double[] scratchD = new double[0];

    private Ring(int rank, int size, SocketChannel next, SocketChannel previous) {
        this.rank = rank;
        this.size = size;
        this.next = next;
        this.previous = previous;
        this.sender = size > 1 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nabla-ring-sender-" + rank);
            t.setDaemon(true);
            return t;
        }) : null;
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

    int size() {
        return size;
    }

    /** Replaces {@code buffer} on every rank by the element-wise sum of all ranks' buffers (same length everywhere). */
    void sum(float[] buffer) {
        if (size == 1) {
            return;
        }
        if (scratchF.length < chunkLength(buffer.length)) {
            scratchF = new float[chunkLength(buffer.length)];
        }
        for (int s = 0; s < size - 1; s++) {
            int send = Math.floorMod(rank - s, size);
            int receive = Math.floorMod(rank - s - 1, size);
            exchange(buffer, send, receive, Float.BYTES);
            int from = start(buffer.length, receive);
            int n = start(buffer.length, receive + 1) - from;
            in.asFloatBuffer().get(scratchF, 0, n);
            for (int i = 0; i < n; i++) {
                buffer[from + i] += scratchF[i];
            }
        }
        for (int s = 0; s < size - 1; s++) {
            int send = Math.floorMod(rank + 1 - s, size);
            int receive = Math.floorMod(rank - s, size);
            exchange(buffer, send, receive, Float.BYTES);
            int from = start(buffer.length, receive);
            in.asFloatBuffer().get(buffer, from, start(buffer.length, receive + 1) - from);
        }
    }

    /** As {@link #sum(float[])}, for float64 buffers. */
    void sum(double[] buffer) {
        if (size == 1) {
            return;
        }
        if (scratchD.length < chunkLength(buffer.length)) {
            scratchD = new double[chunkLength(buffer.length)];
        }
        for (int s = 0; s < size - 1; s++) {
            int send = Math.floorMod(rank - s, size);
            int receive = Math.floorMod(rank - s - 1, size);
            exchange(buffer, send, receive, Double.BYTES);
            int from = start(buffer.length, receive);
            int n = start(buffer.length, receive + 1) - from;
            in.asDoubleBuffer().get(scratchD, 0, n);
            for (int i = 0; i < n; i++) {
                buffer[from + i] += scratchD[i];
            }
        }
        for (int s = 0; s < size - 1; s++) {
            int send = Math.floorMod(rank + 1 - s, size);
            int receive = Math.floorMod(rank - s, size);
            exchange(buffer, send, receive, Double.BYTES);
            int from = start(buffer.length, receive);
            in.asDoubleBuffer().get(buffer, from, start(buffer.length, receive + 1) - from);
        }
    }

    /** First element of chunk {@code c} (0 ≤ c ≤ size) of a buffer of {@code length} elements. */
    private int start(int length, int c) {
        return (int) ((long) length * c / size);
    }

    private int chunkLength(int length) {
        return length / size + 1;
    }

    /** Sends chunk {@code send} of {@code buffer} to the next rank while reading chunk {@code receive} into {@link #in}. */
    private void exchange(Object buffer, int send, int receive, int bytes) {
        int length = buffer instanceof float[] f ? f.length : ((double[]) buffer).length;
        int sendFrom = start(length, send);
        int sendCount = start(length, send + 1) - sendFrom;
        int receiveCount = start(length, receive + 1) - start(length, receive);
        out = capacity(out, sendCount * bytes);
        in = capacity(in, receiveCount * bytes);
        if (buffer instanceof float[] f) {
            out.asFloatBuffer().put(f, sendFrom, sendCount);
        } else {
            out.asDoubleBuffer().put((double[]) buffer, sendFrom, sendCount);
        }
        out.limit(sendCount * bytes);
        in.limit(receiveCount * bytes);
        Future<?> sent = sender.submit(() -> {
            writeFully(next, out);
            return null;
        });
        try {
            readFully(previous, in);
            sent.get();
        } catch (IOException e) {
            sent.cancel(true);
            throw new UncheckedIOException("ring all-reduce, rank " + rank + " of " + size + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ring all-reduce interrupted", e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("ring all-reduce, rank " + rank + " of " + size + ": sending failed: "
                    + e.getCause().getMessage(), e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        }
    }

    /** {@code b} cleared, or a larger little-endian direct buffer; its position is 0. */
    private static ByteBuffer capacity(ByteBuffer b, int bytes) {
        if (b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(Math.max(bytes, b.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        b.clear();
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void writeFully(SocketChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static void readFully(SocketChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new IOException("the previous rank closed its connection");
            }
        }
        b.flip();
    }

    @Override
    public void close() throws IOException {
        if (sender != null) {
            sender.shutdownNow();
        }
        if (next != null) {
            next.close();
        }
        if (previous != null) {
            previous.close();
        }
    }
}
