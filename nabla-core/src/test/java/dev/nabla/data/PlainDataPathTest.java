package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the Vector API module the data path takes its plain loops and gives the very table, numbers and levels
 * it gives with them: no class naming a Vector API type is loaded (the kernels' promise, {@code VectorizationTest}).
 */
class PlainDataPathTest {
    @TempDir
    Path dir;

    @Test
    void theDataPathReadsTheSameWithoutTheVectorApi() throws Exception {
        Path file = dir.resolve("split.csv");
        String plain = runChild(List.of(), file);
        String disabled = runChild(List.of("--add-modules", "jdk.incubator.vector", "-Dnabla.vector=false"), file);
        String vector = runChild(List.of("--add-modules", "jdk.incubator.vector"), file);
        String found = vector.lines().filter(l -> l.startsWith("split=")).findFirst().orElseThrow();
        assertThat(found).startsWith("split=true rows=300000 ")
                .endsWith("numbers=-12.3456 7.0 0.5 1000.0 NaN -0.0 9.9999999E7 level=1");
        assertThat(plain).contains(found).doesNotContain("Exception").doesNotContain("Error");
        assertThat(disabled).contains(found);
    }

    private static String runChild(List<String> jvmFlags, Path file) throws IOException, InterruptedException {
        return ChildJvm.run(jvmFlags, PlainDataMain.class, file.toString());
    }
}
