package dev.nabla.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary sibling that is renamed over the target only once complete, so readers see
 * the old file or the new one, never half of one, and a failed write leaves no temporary behind. Model files,
 * predictions, logs and reports are all written this way.
 */
public final class AtomicFiles {
    /** Temporaries being written now; a shutdown (Ctrl-C, SIGTERM) deletes them, so none outlives the process. */
    private static final java.util.Set<Path> IN_PROGRESS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::abandonInProgress, "nabla-temporaries"));
    }

    private AtomicFiles() {
    }

    /**
     * Deletes the temporaries of writes under way (their targets keep their old contents): what a shutdown hook does,
     * and what a process about to halt without hooks (a second Ctrl-C) calls first.
     */
    public static void abandonInProgress() {
        for (Path p : IN_PROGRESS) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // Nothing more to do while the process ends; a later write of the same target cleans up.
            }
        }
    }

    /** Writes a complete file to the channel it is given. */
    @FunctionalInterface
    public interface ChannelWriter {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** Writes a complete file to the stream it is given. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Lets {@code writer} fill a temporary file next to {@code target} (creating the directory if needed),
     * forces it to disk and renames it to {@code target}, replacing any previous file. On any failure the
     * temporary file is deleted and {@code target} is left as it was.
     */
    public static void write(Path target, ChannelWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // A sibling, so the rename stays within one file system; CREATE_NEW rather than createTempFile, which
        // would make the file owner-only on POSIX.
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        IN_PROGRESS.add(temporary);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(channel);
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems cannot rename atomically; a plain replace still never shows a partial file.
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
            IN_PROGRESS.remove(temporary);
        }
    }

    /** {@link #write(Path, ChannelWriter)} for a writer that wants a stream. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        write(target, (ChannelWriter) channel -> {
            OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            writer.writeTo(out);
            out.flush();
        });
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, (StreamWriter) out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
