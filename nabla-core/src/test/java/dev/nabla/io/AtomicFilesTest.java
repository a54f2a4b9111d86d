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
        })).hasMessage("disk full");
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

    private static java.util.List<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
