package dev.nabla.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files so that a reader never sees half of one and a failed run leaves none: the content
 * goes to a temporary file in the target's directory (same file system, so the rename is cheap) and is
 * then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a complete file at the path it is given. */
    @FunctionalInterface
    public interface PathWriter {
        void writeTo(Path path) throws IOException;
    }

    /** Something that writes a complete file to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Lets {@code writer} write a temporary file next to {@code target}, then renames it to {@code target},
     * replacing any previous file. The parent directory is created if needed. On any failure the temporary
     * file is deleted and {@code target} is left as it was.
     */
    public static void write(Path target, PathWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            writer.writeTo(tmp);
            move(tmp, absolute);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #write(Path, PathWriter)} for a stream writer. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        write(target, (PathWriter) tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
        });
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, (StreamWriter) out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems (e.g. certain network mounts) cannot rename atomically; a plain replace
            // still never exposes a partly written file under the target's name.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
