package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster: a Spark standalone master and two workers (one core each) as processes on the loopback interface,
 * started and stopped here, and {@code nabla train --spark spark://…} as a driver process of its own; the model it
 * trains over two executors equals the one {@code nabla train} trains in this process. Every process is ended in
 * {@link #stop}, and every wait is bounded.
 */
class StandaloneClusterTest {
    private static final String LOOPBACK = "127.0.0.1";
    private static final long STARTUP_SECONDS = 120;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes.reversed()) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aStandaloneClusterOfTwoWorkersTrainsTheSingleProcessModel() throws Exception {
        Path home = sparkHome();
        int port = freePort();
        process("master", List.of("org.apache.spark.deploy.master.Master", "--host", LOOPBACK, "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort())), home);
        String master = "spark://" + LOOPBACK + ":" + port;
        for (int w = 1; w <= 2; w++) {
            Path work = Files.createDirectories(dir.resolve("work" + w));
            process("worker" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK, "--cores", "1",
                    "--memory", "768m", "--webui-port", Integer.toString(freePort()), "--work-dir", work.toString(),
                    master), home);
        }
        String[] common = {"train", "--data", "wine", "--layers", "16:relu", "--optimizer", "sgd", "--epochs", "8",
                "--batch-size", "16", "--seed", "5"};
        Cli one = Cli.run(SparkTrainTest.concat(common, "--out", dir.resolve("one.safetensors").toString()));
        assertThat(one.code()).as(one.toString()).isZero();

        String classes = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.endsWith(".jar") || p.contains("nabla")).reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
        Process driver = process("driver", SparkTrainTest.concat(new String[] {
                "-Dspark.executor.extraClassPath=" + classes,
                "-Dspark.executor.extraJavaOptions=" + String.join(" ", jvmFlags()),
                "-Dspark.executor.memory=512m", "-Dspark.driver.host=" + LOOPBACK,
                "-Dspark.driver.bindAddress=" + LOOPBACK, "-Dspark.ui.enabled=false",
                "dev.nabla.cli.Nabla"}, SparkTrainTest.concat(common, "--out", dir.resolve("two.safetensors").toString(),
                "--spark", master, "--partitions", "2")), home);
        boolean done = driver.waitFor(STARTUP_SECONDS + 120, TimeUnit.SECONDS);
        String log = Files.readString(dir.resolve("driver.log"));
        assertThat(done).as("the driver finished in time:\n" + log + logs()).isTrue();
        assertThat(driver.exitValue()).as(log + logs()).isZero();
        assertThat(log).contains("2 replicas");

        assertThat(SparkTrainTest.relativeDifference(dir.resolve("one.safetensors"), dir.resolve("two.safetensors")))
                .isLessThan(1e-5);
    }

    /** A Spark home for the workers: jars/ links to the jars of this class path (Spark's among them). */
    private Path sparkHome() throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.exists(jar) && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        return home;
    }

    private Process process(String name, List<String> arguments, Path home) throws IOException {
        return process(name, arguments.toArray(String[]::new), home);
    }

    /** A JVM on this class path running {@code arguments} (system properties, main class, its arguments). */
    private Process process(String name, String[] arguments, Path home) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        b.environment().put("SPARK_HOME", home.toString());
        b.environment().put("SPARK_SCALA_VERSION", "2.13");
        b.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = b.start();
        processes.add(p);
        return p;
    }

    /** The flags this test JVM runs with (the Vector API's and Spark's), for the processes it starts. */
    private static List<String> jvmFlags() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("--enable-native") || a.startsWith("--sun-misc")
                        || a.startsWith("-Dio.netty"))
                .toList();
    }

    private String logs() throws IOException {
        StringBuilder s = new StringBuilder();
        for (String name : List.of("master", "worker1", "worker2")) {
            Path f = dir.resolve(name + ".log");
            if (Files.exists(f)) {
                s.append("\n--- ").append(name).append('\n').append(Files.readString(f));
            }
        }
        return s.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }
}
