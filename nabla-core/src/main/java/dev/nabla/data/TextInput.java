package dev.nabla.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * A text file as data files come: from a path or standard input ({@code -}), gzipped or not (told by its magic
 * bytes), UTF-8 with or without a byte-order mark. Any other encoding is refused at the first byte that is not
 * UTF-8, naming the file and the byte offset. The SHA-256 of the bytes as stored is computed while reading, for a
 * model's provenance.
 */
public final class TextInput extends Reader {
    private static final int GZIP_MAGIC = 0x1f8b;

    private final String source;
    /** The file read, or null for standard input or a stream: only a plain file can be read in parts. */
    private final Path file;
    private final InputStream in;
    private final MessageDigest digest;
    private final boolean gzipped;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private long consumed;
    private byte lastByte;
    private boolean eof;
    private boolean started;

    private TextInput(String source, Path file, InputStream raw) throws IOException {
        this.source = source;
        this.file = file;
        this.digest = sha256Digest();
        BufferedInputStream buffered = new BufferedInputStream(new DigestInputStream(raw, digest), 1 << 16);
        buffered.mark(2);
        int magic = (buffered.read() << 8) | buffered.read();
        buffered.reset();
        this.gzipped = magic == GZIP_MAGIC;
        this.in = gzipped ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    /**
     * Part of a plain UTF-8 file, from {@code raw}'s first byte, hashed into {@code digest}: the file's start (a
     * byte-order mark is looked for) or a part that starts after a line break (its bytes are text, as they come).
     * A null {@code digest}: not hashed.
     */
    private TextInput(String source, InputStream raw, MessageDigest digest, boolean fileStart) {
        this.source = source;
        this.file = null;
        this.digest = digest;
        this.in = new BufferedInputStream(digest == null ? raw : new DigestInputStream(raw, digest), 1 << 16);
        this.gzipped = false;
        this.started = !fileStart;
    }

    /** Part of a plain file (see the constructor), for reading a large file in parts at once. */
    static TextInput part(String source, InputStream raw, MessageDigest digest, boolean fileStart) {
        return new TextInput(source, raw, digest, fileStart);
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Opens {@code name}: a file, or standard input for {@code -}. */
    public static TextInput open(String name) {
        if (name.equals("-")) {
            try {
                return new TextInput("<stdin>", null, System.in);
            } catch (IOException e) {
                throw new DataException("<stdin>: " + e.getMessage(), e);
            }
        }
        return open(Path.of(name));
    }

    public static TextInput open(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new DataException(file + ": is a directory, not a data file");
            }
            return new TextInput(file.toString(), file, Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": permission denied");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A stream of bytes already open (an embedded resource), named {@code source} in messages. */
    public static TextInput of(String source, InputStream in) {
        try {
            return new TextInput(source, null, in);
        } catch (IOException e) {
            throw new DataException(source + ": " + e.getMessage(), e);
        }
    }

    public String source() {
        return source;
    }

    /** SHA-256 of the bytes as stored (before decompression), in hex; complete once everything is read. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (!bytes.hasRemaining() && !fill()) {
                return -1;
            }
            if (!started) {
                started = true;
                skipByteOrderMark();
            }
            int before = bytes.position();
            CoderResult r = decoder.decode(bytes, out, eof);
            consumed += bytes.position() - before;
            if (r.isError()) {
                throw notUtf8(consumed);
            }
            if (r.isUnderflow() && bytes.hasRemaining() && !eof) {
                // An incomplete character at the end of the buffer: read more bytes behind it.
                if (!fill()) {
                    throw notUtf8(consumed);
                }
            } else if (r.isUnderflow() && eof && !bytes.hasRemaining()) {
                break;
            }
        }
        int n = out.position() - off;
        return n == 0 ? -1 : n;
    }

    private void skipByteOrderMark() {
        int b0 = bytes.remaining() > 0 ? bytes.get(bytes.position()) & 0xff : -1;
        int b1 = bytes.remaining() > 1 ? bytes.get(bytes.position() + 1) & 0xff : -1;
        int b2 = bytes.remaining() > 2 ? bytes.get(bytes.position() + 2) & 0xff : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            bytes.position(bytes.position() + 3);
            consumed = 3;
        } else if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
            throw new DataException(source + ": UTF-16 text (byte-order mark at byte 0); save the file as UTF-8");
        }
    }

    /** Moves unread bytes to the front and reads more; false at the end of the input with nothing left. */
    private boolean fill() throws IOException {
        if (eof) {
            return bytes.hasRemaining();
        }
        bytes.compact();
        int n;
        try {
            n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        } catch (java.util.zip.ZipException e) {
            bytes.flip();
            throw new DataException(source + ": corrupt gzip data: " + e.getMessage(), e);
        }
        if (n < 0) {
            eof = true;
        } else {
            rememberLastByte(bytes.array(), bytes.position(), n);
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
        return bytes.hasRemaining();
    }

    /** Keeps the last byte that is not white space, for {@link #endsWithQuote()}. */
    private void rememberLastByte(byte[] b, int from, int n) {
        for (int i = from + n - 1; i >= from; i--) {
            if (b[i] > ' ') {
                lastByte = b[i];
                return;
            }
        }
    }

    /**
     * Whether the last character that is not white space is a double quote: a quoted field that ends the input was
     * closed (the parser closes one left open at the end, which swallows the rest of the file).
     */
    boolean endsWithQuote() {
        return lastByte == '"';
    }

    private DataException notUtf8(long offset) {
        return new DataException(source + ": not UTF-8 text at byte " + offset + (gzipped ? " of the unzipped data" : "")
                + "; save the file as UTF-8 (from Latin-1 or UTF-16: iconv -t UTF-8)");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The plain (not gzipped) file read, or null for standard input, a stream or a gzipped file. */
    Path plainFile() {
        return gzipped ? null : file;
    }

    /** For tests: whether the file was gzipped. */
    boolean gzipped() {
        return gzipped;
    }

}
