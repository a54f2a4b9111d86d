package dev.nabla.data;

import de.siegmar.fastcsv.reader.CsvReader;
import dev.nabla.tensor.Simd;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A large plain file read in two parts at once, each by its own FastCSV reader whose callback parses cells straight
 * into the part's columns ({@link PartCells}), then joined into the table a reading in one go gives: the same columns,
 * codes (the second part's texts renumbered after the first's), lines and digest. The split is a line break outside
 * quotes: by RFC 4180 a byte is outside quotes when an even number of {@code "} precede it, which a vector count over
 * the first part tells. The first part's parser then confirms it (the marker line appended to that part is a row of
 * its own). Whenever anything is unusual — an error in either part, a split the parser does not confirm — the caller
 * reads the file in one go, so errors and odd quoting give exactly the messages and table they always did.
 */
final class SplitRead {
    /** Smaller files are read in one go: a second reader and thread are not worth it. */
    static final long MIN_BYTES = 8L << 20;
    /**
     * Where the split falls, as a fraction of the file: the first part's thread also hashes the second part's bytes
     * (SHA-256 is sequential), so it parses less.
     */
    private static final double FIRST_PART = 0.43;
    /** Line breaks are counted in this many bytes at the file's start, to size the columns. */
    private static final long SAMPLE_BYTES = 1 << 22;

    private SplitRead() {
    }

    /**
     * Whether {@code file} is worth reading in parts: at least {@code minBytes} long, and a second core to read
     * the other part. Asked before the file is opened, so that smaller files are opened once.
     */
    static boolean worthSplitting(Path file, long minBytes) {
        return file.toFile().length() >= Math.max(minBytes, 2) && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /**
     * The table of a file {@link #worthSplitting} read in two parts at once, or null when it is not read so (a
     * separator the split's marker line uses, no split found, or anything unusual): then read it in one go.
     */
    static Table read(Path file, String source, Tokens missing, char separator) throws IOException {
        long size = file.toFile().length();
        if (PartCells.MARK.indexOf(separator) >= 0 || separator == '"') {
            return null;
        }
        Split found = split(file, size, (long) (size * FIRST_PART));
        if (found == null) {
            return null;
        }
        long split = found.at();
        AtomicBoolean abandoned = new AtomicBoolean();
        PartCells second = new PartCells(source, missing, false, abandoned, found.rows(size - split),
                size - split);
        TextInput secondInput = TextInput.part(source, range(file, split, size), null, false);
        Throwable[] secondError = new Throwable[1];
        Thread worker = Thread.ofPlatform().daemon().name("nabla-part").start(() -> {
            try {
                parse(secondInput, second, separator);
            } catch (Throwable e) {
                secondError[0] = e;
                abandoned.set(true);
            }
        });
        PartCells first = new PartCells(source, missing, true, abandoned, found.rows(split), split);
        MessageDigest digest = TextInput.sha256Digest();
        boolean firstRead = false;
        try {
            Reader marked = Reader.of(PartCells.MARK);
            parse(new Concatenation(TextInput.part(source, range(file, 0, split), digest, true), marked), first,
                    separator);
            firstRead = true;
        } catch (RuntimeException | IOException e) {
            abandoned.set(true);
        }
        if (firstRead && first.clean()) {
            hash(file, split, size, digest);
        } else {
            abandoned.set(true);
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(source + ": reading was interrupted", e);
        }
        if (secondError[0] instanceof Error e) {
            throw e;
        }
        boolean unclosedQuote = second.openQuoteLine() > 0 && !secondInput.endsWithQuote();
        if (abandoned.get() || !first.clean() || !second.clean() || second.width() != first.width() || unclosedQuote) {
            return null;
        }
        return first.join(second).withDigest(HexFormat.of().formatHex(digest.digest()));
    }

    private static void parse(Reader input, PartCells cells, char separator) throws IOException {
        // TextInput decodes straight into FastCSV's buffer: a BufferedReader between them would copy every char again.
        try (CsvReader<Object> csv = TableReader.csv(separator).build(cells, input)) {
            for (Object ignored : csv) {
                continue;
            }
        } catch (Cells.Stop e) {
            return;
        }
    }

    /**
     * Where a file splits, and how many lines a part of it holds about.
     *
     * @param at           the byte just after the line break
     * @param linesPerByte line breaks per byte at the file's start
     */
    record Split(long at, double linesPerByte) {
        /** About how many rows {@code bytes} of the file hold: the columns are sized once, not doubled (less GC). */
        int rows(long bytes) {
            return (int) Math.min(Integer.MAX_VALUE - 8, (long) (bytes * linesPerByte * 1.02) + 1024);
        }
    }

    /**
     * The first line break at or after {@code from} that lies outside quotes, or null: quotes before {@code from}
     * are counted with vectors, then the bytes are walked to the break.
     */
    static Split split(Path file, long size, long from) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long sampleEnd = Math.min(SAMPLE_BYTES, from);
            // Vectors where the Vector API is in use, then byte by byte: the quotes before `from`, the line breaks
            // of the file's first SAMPLE_BYTES (or of the whole vectors that cover them).
            long[] counted = Simd.enabled() ? ByteCounts.quotesAndLines(bytes, from, sampleEnd) : new long[4];
            long quotes = counted[0];
            long lines = counted[1];
            long i = counted[2];
            long sampled = Math.max(counted[3], sampleEnd);
            for (; i < from; i++) {
                byte b = bytes.get(ValueLayout.JAVA_BYTE, i);
                quotes += b == '"' ? 1 : 0;
                lines += b == '\n' && i < sampleEnd ? 1 : 0;
            }
            double linesPerByte = sampled == 0 ? 0 : (double) lines / sampled;
            boolean quoted = (quotes & 1) == 1;
            // A quote left open (or a field of many lines) past a quarter of the file: read in one go instead.
            for (long end = Math.min(size - 1, from + size / 4); i < end; i++) {
                byte b = bytes.get(ValueLayout.JAVA_BYTE, i);
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted) {
                    return new Split(i + 1, linesPerByte);
                }
            }
            return null;
        }
    }

    /** Adds the bytes {@code [from, to)} of {@code file} to {@code digest}. */
    private static void hash(Path file, long from, long to, MessageDigest digest) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 18);
            for (long at = from; at < to; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), to - at));
                int n = channel.read(buffer, at);
                if (n < 0) {
                    break;
                }
                digest.update(buffer.array(), 0, n);
                at += n;
            }
        }
    }

    /** The bytes {@code [from, to)} of {@code file}. */
    private static InputStream range(Path file, long from, long to) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new InputStream() {
            private long at = from;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= to) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, to - at)), at);
                if (n > 0) {
                    at += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** One reader's characters, then another's. */
    private static final class Concatenation extends Reader {
        private final Reader head;
        private final Reader tail;
        private boolean headDone;

        Concatenation(Reader head, Reader tail) {
            this.head = head;
            this.tail = tail;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (!headDone) {
                int n = head.read(cbuf, off, len);
                if (n >= 0) {
                    return n;
                }
                headDone = true;
            }
            return tail.read(cbuf, off, len);
        }

        @Override
        public void close() throws IOException {
            head.close();
        }
    }
}
