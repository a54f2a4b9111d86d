package dev.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesTheContentUnderTheTargetNameAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(target, "héllo\n");
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("héllo\n");
        assertThat(list(target.getParent())).containsExactly("out.txt");
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        AtomicFiles.writeString(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void aFailedWriteLeavesNeitherTargetNorTemporaryFile() throws IOException {
        Path target = dir.resolve("out.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, (AtomicFiles.StreamWriter) out -> {
            out.write(new byte[] {1, 2, 3});
            throw new IOException("disk full");
        })).isInstanceOf(java.nio.file.FileSystemException.class).hasMessage(target + ": cannot write: disk full");
        assertThat(list(dir)).isEmpty();
    }

    @Test
    void aFailedWriteKeepsThePreviousFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "previous");
        assertThatThrownBy(() -> AtomicFiles.write(target, (AtomicFiles.StreamWriter) out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(target)).isEqualTo("previous");
        assertThat(list(dir)).containsExactly("out.txt");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughToItsTarget() throws IOException {
        Path real = dir.resolve("real/model.txt");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), dir.relativize(real));
        AtomicFiles.writeString(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(list(dir)).containsExactly("link.txt", "real");
        assertThat(list(real.getParent())).containsExactly("model.txt");
    }

    @Test
    void aDanglingLinkCreatesItsTarget() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), Path.of("made.txt"));
        AtomicFiles.writeString(link, "x");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(dir.resolve("made.txt"))).isEqualTo("x");
    }

    @Test
    void aFifoIsWrittenThroughNotReplaced() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        java.util.concurrent.CompletableFuture<String> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        AtomicFiles.writeString(fifo, "through the pipe");
        assertThat(read.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("through the pipe");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther()).isTrue();
        assertThat(list(dir)).containsExactly("pipe");
    }

    /** A private copy of /dev/full (character device 1,7), so that a regression could never replace the real one. */
    @Test
    void aFullDeviceIsAnErrorNamingTheTargetAndStaysADevice() throws Exception {
        Path full = dir.resolve("full");
        boolean made = new ProcessBuilder("mknod", full.toString(), "c", "1", "7").redirectErrorStream(true).start()
                .waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(made, "mknod needs root (CAP_MKNOD)");
        assertThatThrownBy(() -> AtomicFiles.writeString(full, "x".repeat(100_000)))
                .isInstanceOf(java.nio.file.FileSystemException.class)
                .hasMessageStartingWith(full + ": cannot write: ");
        assertThat(Files.isRegularFile(full)).isFalse();
        assertThat(list(dir)).containsExactly("full");
    }

    @Test
    void aDirectoryIsRefusedNamingIt() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        assertThatThrownBy(() -> AtomicFiles.writeString(sub, "x"))
                .isInstanceOf(java.nio.file.FileSystemException.class).hasMessageContaining("is a directory");
    }

    @Test
    void aTemporaryFileOfAKilledWriterIsRemovedByTheNextWriteOfTheSameTarget() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String abandoned = ".out.txt.nabla-" + gone.pid() + "-3f09c1d2e4b5a6f7.tmp";
        String live = ".out.txt.nabla-" + ProcessHandle.current().pid() + "-0123456789abcdef.tmp";
        String other = ".other.txt.nabla-" + gone.pid() + "-3f09c1d2e4b5a6f7.tmp";
        for (String name : new String[] {abandoned, live, other}) {
            Files.writeString(dir.resolve(name), "partial");
            assertThat(AtomicFiles.isTemporary(name)).isTrue();
        }
        assertThat(AtomicFiles.isTemporary("out.txt")).isFalse();
        AtomicFiles.writeString(dir.resolve("out.txt"), "done");
        assertThat(list(dir)).containsExactlyInAnyOrder(live, other, "out.txt");
    }

    @Test
    void aBatchRenamesOnlyOnCommitAndLeavesNothingWhenAbandoned() throws IOException {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        Files.writeString(a, "previous");
        try (AtomicFiles.Batch batch = AtomicFiles.batch()) {
            AtomicFiles.writeString(a, "new a");
            AtomicFiles.writeString(b, "new b");
            assertThat(Files.readString(a)).isEqualTo("previous");
            assertThat(b).doesNotExist();
            batch.commit();
        }
        assertThat(Files.readString(a)).isEqualTo("new a");
        assertThat(Files.readString(b)).isEqualTo("new b");
        try (AtomicFiles.Batch ignored = AtomicFiles.batch()) {
            AtomicFiles.writeString(a, "lost");
        }
        assertThat(Files.readString(a)).isEqualTo("new a");
        assertThat(list(dir)).containsExactly("a.txt", "b.txt");
    }

    @Test
    void resolvingFollowsLinksAndTheExistingDirectory() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path linkedDir = Files.createSymbolicLink(dir.resolve("alias"), real);
        assertThat(AtomicFiles.resolve(linkedDir.resolve("x/y.txt"))).isEqualTo(real.toRealPath().resolve("x/y.txt"));
        Path fileLink = Files.createSymbolicLink(dir.resolve("l.txt"), real.resolve("t.txt"));
        assertThat(AtomicFiles.resolve(fileLink)).isEqualTo(real.toRealPath().resolve("t.txt"));
    }

    private static java.util.List<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
