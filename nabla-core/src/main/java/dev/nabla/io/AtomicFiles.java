package dev.nabla.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place where Nabla writes files. A regular file is written through a temporary sibling that is renamed over
 * the target only once complete, so readers see the old file or the new one, never half of one, and a failed write
 * leaves no temporary behind. Model files, predictions, logs and reports are all written this way. Nothing is ever
 * destroyed on the way:
 * <ul>
 * <li>a symbolic link is followed and its target is replaced, so the link stays a link;</li>
 * <li>an existing target that is not a regular file (a device such as {@code /dev/null}, a FIFO) is written
 *     through, never replaced;</li>
 * <li>a failed write (a full disk, {@code /dev/full}) is a {@link FileSystemException} naming the target.</li>
 * </ul>
 * A temporary file is named {@code .<target>.nabla-<pid>-<random>.tmp}; one left behind by a killed process (whose
 * pid is gone) is removed by the next write of the same target. Inside a {@link #batch()}, the renames wait for
 * {@link Batch#commit()}, so that several outputs appear together or not at all.
 */
public final class AtomicFiles {
    /** Temporaries being written now; a shutdown (Ctrl-C, SIGTERM) deletes them, so none outlives the process. */
    private static final java.util.Set<Path> IN_PROGRESS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::abandonInProgress, "nabla-temporaries"));
    }

    private static final String TEMPORARY_MARK = ".nabla-";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** Links followed before giving up, as the kernel's own limit for path resolution. */
    private static final int MAX_LINKS = 40;
    private static final ThreadLocal<Batch> BATCH = new ThreadLocal<>();

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
     * Lets {@code writer} fill a temporary file next to {@code target}'s real file (creating the directory if needed),
     * forces it to disk and renames it over the real file; a device or FIFO is written directly. On any failure the
     * temporary file is deleted and the target is left as it was.
     *
     * @throws FileSystemException naming the target when it is a directory or the file system refuses the write
     */
    public static void write(Path target, ChannelWriter writer) throws IOException {
        Path file = resolve(target);
        if (Files.isDirectory(file)) {
            throw new FileSystemException(target.toString(), null, "is a directory; expected a file name");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            writeThrough(target, file, writer);
            return;
        }
        Files.createDirectories(file.getParent());
        removeAbandoned(file);
        // A sibling, so the rename stays within one file system; CREATE_NEW rather than createTempFile, which
        // would make the file owner-only on POSIX.
        Path temporary = file.resolveSibling("." + file.getFileName() + TEMPORARY_MARK + ProcessHandle.current().pid()
                + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMPORARY_SUFFIX);
        boolean kept = false;
        IN_PROGRESS.add(temporary);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(channel);
                channel.force(true);
            } catch (FileSystemException | ModelFileException e) {
                throw e;
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
            Batch batch = BATCH.get();
            if (batch != null) {
                batch.staged.add(new Path[] {temporary, file});
            } else {
                move(temporary, file);
            }
            kept = true;
        } finally {
            if (!kept) {
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

    /**
     * The file a write of {@code target} changes: absolute, with every symbolic link followed (also a link whose target
     * does not exist yet) and the existing part of its directory resolved. Two paths name the same output exactly
     * when their resolved forms are equal (or, for existing files, {@link Files#isSameFile} says so).
     */
    public static Path resolve(Path target) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        for (int links = 0; Files.isSymbolicLink(file); links++) {
            if (links == MAX_LINKS) {
                throw new FileSystemException(target.toString(), null, "too many levels of symbolic links");
            }
            file = file.resolveSibling(Files.readSymbolicLink(file)).normalize();
        }
        Path parent = file.getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || parent == null) {
            return file;
        }
        return existing.toRealPath().resolve(existing.relativize(file));
    }

    /**
     * Whether {@code name} is a temporary file of {@link #write} for a target in the same directory, e.g.
     * {@code .model.safetensors.nabla-4242-3f09c1d2e4b5a6f7.tmp}.
     */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX) && name.contains(TEMPORARY_MARK);
    }

    /**
     * Starts deferring this thread's renames until {@link Batch#commit()}: every file written in the meantime is
     * complete on disk under its temporary name, and {@link Batch#close()} deletes those not committed. Several
     * outputs of one command thus appear together, or none does when one of them fails.
     */
    public static Batch batch() {
        if (BATCH.get() != null) {
            throw new IllegalStateException("a batch of writes is already open on this thread");
        }
        Batch batch = new Batch();
        BATCH.set(batch);
        return batch;
    }

    /** Writes whose renames wait for {@link #commit()}; see {@link #batch()}. */
    public static final class Batch implements AutoCloseable {
        private final List<Path[]> staged = new ArrayList<>();

        private Batch() {
        }

        /** Renames every file written since the batch opened into place, in the order they were written. */
        public void commit() throws IOException {
            while (!staged.isEmpty()) {
                Path[] next = staged.getFirst();
                move(next[0], next[1]);
                staged.removeFirst();
            }
        }

        /** Deletes the temporary files of writes not committed and stops deferring renames. */
        @Override
        public void close() throws IOException {
            BATCH.remove();
            IOException failure = null;
            for (Path[] s : staged) {
                try {
                    Files.deleteIfExists(s[0]);
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            staged.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static void move(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems cannot rename atomically; a plain replace still never shows a partial file.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A device or FIFO: opened and written as it is (a rename would replace the device node with a file). */
    private static void writeThrough(Path target, Path file, ChannelWriter writer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            writer.writeTo(channel);
        } catch (FileSystemException | ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /** Deletes temporary files of {@code file} whose writing process has ended (a SIGKILL, a power cut). */
    private static void removeAbandoned(Path file) throws IOException {
        removeAbandoned(file.getParent(), file.getFileName().toString(), true);
    }

    /**
     * Deletes the temporary files in {@code dir} of any file whose name starts with {@code prefix}, written by a
     * process that has ended: a checkpoint killed half-written leaves one under a name the next never has.
     */
    static void removeAbandoned(Path dir, String prefix) throws IOException {
        removeAbandoned(dir, prefix, false);
    }

    private static void removeAbandoned(Path dir, String name, boolean whole) throws IOException {
        String start = "." + name;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(start) && isTemporary(p.getFileName().toString()))) {
            for (Path sibling : siblings) {
                String file = sibling.getFileName().toString();
                int mark = file.lastIndexOf(TEMPORARY_MARK);
                if (whole && mark != start.length()) {
                    continue;
                }
                String tail = file.substring(mark + TEMPORARY_MARK.length());
                int dash = tail.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(tail.substring(0, Math.max(dash, 0)));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty() && Files.isRegularFile(sibling, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    private static FileSystemException cannotWrite(Path target, IOException e) {
        FileSystemException f = new FileSystemException(target.toString(), null, "cannot write: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        f.initCause(e);
        return f;
    }
}
