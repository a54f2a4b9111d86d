package dev.nabla.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The results' stream, remembering why a write failed: a {@link java.io.PrintWriter} keeps only a flag, and a
 * command whose results did not reach standard output ({@code nabla predict … > /dev/full}) must not exit 0.
 */
final class StandardOutput extends FilterOutputStream {
    private volatile IOException failure;

    StandardOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private IOException failed(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    /** Why the first write failed, e.g. {@code "No space left on device"}, or null when none did. */
    String failure() {
        IOException e = failure;
        return e == null ? null : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
