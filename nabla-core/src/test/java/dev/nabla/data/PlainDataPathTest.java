package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PlainDataMain.class.getName());
        command.add(file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
