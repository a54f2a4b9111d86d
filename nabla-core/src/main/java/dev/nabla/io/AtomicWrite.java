package dev.nabla.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary sibling that is renamed over the target only once complete, so readers see the
 * old file or the new one, never half of one, and a failed write leaves no temporary behind.
 */
final class AtomicWrite {
    /** The body of a write, given a channel on the temporary file. */
    interface Body {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicWrite() {
    }

    static void write(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        // A sibling, so the rename stays within one file system; CREATE_NEW (not createTempFile, which makes the
        // file owner-only on POSIX) so the model file gets the usual permissions.
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(channel);
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            throw e instanceof ModelFileException m ? m : new ModelFileException(file + ": cannot write: " + e, e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
