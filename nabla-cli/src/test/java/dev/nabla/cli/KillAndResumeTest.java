package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL at random moments — during steps and during checkpoint writes — and resumed each time
 * ends with a model file byte for byte equal to the same run left alone; Ctrl-C and SIGTERM stop it cleanly.
 */
class KillAndResumeTest {
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    /** The run: digits, a wide network on one kernel thread, no early stopping, a checkpoint every 10 steps. */
    private List<String> run(Path checkpoints, Path out) {
        return List.of("train", "--data", "digits", "--layers", "384:relu,384:relu", "--epochs", "24", "--batch-size", "16",
                "--threads", "1", "--seed", "9", "--patience", "0", "--optimizer", "momentum", "--checkpoint",
                checkpoints.toString(), "--checkpoint-every", "10", "--out", out.toString());
    }

    private static Process start(List<String> args, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Nabla.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void twentyKillsLaterTheModelIsTheSameBytes() throws Exception {
        Path model = dir.resolve("model.safetensors");
        Process alone = start(run(dir.resolve("alone"), model), dir.resolve("alone.log"));
        assertThat(alone.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(alone.exitValue()).as(Files.readString(dir.resolve("alone.log"))).isZero();
        byte[] expected = Files.readAllBytes(model);
        Files.delete(model);

        Path checkpoints = dir.resolve("killed");
        SplittableRandom rng = new SplittableRandom(2026);
        int kills = 0;
        int starts = 0;
        while (true) {
            boolean resume = Files.isDirectory(checkpoints) && hasCheckpoint(checkpoints);
            List<String> args = resume ? List.of("train", "--resume", checkpoints.toString()) : run(checkpoints, model);
            Path log = dir.resolve("run" + starts++ + ".log");
            Process p = start(args, log);
            long delay = kills < KILLS ? 700 + rng.nextLong(1800) : Long.MAX_VALUE;
            if (!p.waitFor(Math.min(delay, 600_000), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                kills++;
                continue;
            }
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
            if (kills >= KILLS) {
                break;
            }
            // Finished before the planned kill: start the whole run over, so that every kill lands in a run.
            Files.delete(model);
            deleteTree(checkpoints);
        }
        assertThat(kills).isGreaterThanOrEqualTo(KILLS);
        assertThat(Files.readAllBytes(model)).as("the resumed run's model file").isEqualTo(expected);
        try (Stream<Path> left = Files.list(checkpoints)) {
            assertThat(left.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".safetensors")).count())
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void ctrlCStopsAfterAStepSavesTheBestModelAndSaysHowToResume() throws Exception {
        Path model = dir.resolve("m.safetensors");
        Path checkpoints = dir.resolve("c");
        Path log = dir.resolve("int.log");
        Process p = start(run(checkpoints, model), log);
        waitForTraining(log, p);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(log);
        assertThat(p.exitValue()).as(text).isEqualTo(130);
        assertThat(text).contains("Ctrl-C").contains("--resume " + checkpoints).doesNotContain("\tat ");
        assertThat(model).exists();
        assertThat(hasCheckpoint(checkpoints)).isTrue();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
        Process term = start(List.of("train", "--resume", checkpoints.toString()), dir.resolve("term.log"));
        waitForTraining(dir.resolve("term.log"), term);
        new ProcessBuilder("kill", "-TERM", Long.toString(term.pid())).start().waitFor();
        assertThat(term.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(term.exitValue()).as(Files.readString(dir.resolve("term.log"))).isIn(143, 0);
        Process early = start(run(dir.resolve("e"), dir.resolve("e.safetensors")), dir.resolve("early.log"));
        Thread.sleep(300);
        new ProcessBuilder("kill", "-INT", Long.toString(early.pid())).start().waitFor();
        assertThat(early.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(early.exitValue()).isIn(130, 0);
        assertThat(dir.resolve("e.safetensors")).as("nothing written when stopped before training").doesNotExist();
    }

    /** Until the run prints its first training line (the loop runs, so a first signal stops it after a step). */
    private static void waitForTraining(Path log, Process p) throws Exception {
        for (int i = 0; i < 600 && p.isAlive(); i++) {
            if (Files.exists(log) && Files.readString(log).contains("training on")) {
                Thread.sleep(300);
                return;
            }
            Thread.sleep(100);
        }
    }

    private static boolean hasCheckpoint(Path d) throws Exception {
        try (Stream<Path> files = Files.list(d)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("checkpoint-\\d+\\.safetensors"));
        }
    }

    private static void deleteTree(Path d) throws Exception {
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> files = Files.walk(d)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
