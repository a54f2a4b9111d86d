package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nabla serve in its own JVM: SIGTERM drains and exits 0. */
class ServeSignalTest {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheServerWithExitCodeZero() throws Exception {
        Path model = dir.resolve("m.safetensors");
        assertThat(Cli.run("train", "--data", "iris", "--layers", "4:relu", "--epochs", "1", "--out", model.toString())
                .code()).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("serve.log");
        Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "dev.nabla.cli.Nabla", "serve", "--model", model.toString(),
                "--port", "0")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Pattern serving = Pattern.compile("serving .* on http://127\\.0\\.0\\.1:(\\d+)");
            int port = -1;
            for (long deadline = System.nanoTime() + 30_000_000_000L; port < 0 && System.nanoTime() < deadline; ) {
                Matcher m = serving.matcher(Files.readString(log));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                } else {
                    Thread.sleep(50);
                }
            }
            assertThat(port).as(Files.readString(log)).isPositive();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(Files.readString(log)).contains("GET /health 200").contains("SIGTERM: stopping")
                    .contains("nabla: stopped").doesNotContain("before training");
        } finally {
            p.destroyForcibly();
        }
    }
}
