package dev.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.data.DataSource;
import dev.nabla.data.Datasets;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.Schedules;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Prepared;
import dev.nabla.train.Training;
import dev.nabla.train.TrainingResult;
import dev.nabla.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run resumed from any of its checkpoints — in memory or through a file — ends with the bits of the run left alone. */
class CheckpointResumeTest {
    @TempDir
    Path dir;

    private static Training.Builder recipe() {
        return Training.builder().layers("16:tanh").seed(3).epochs(6).batchSize(16).patience(3)
                .optimizer(Optimizers.config("adam", 0.01, 1e-4)).schedule(Schedules.config("cosine", 4));
    }

    private static Map<String, Tensor> weights(TrainingResult r) {
        return r.model().network().stateDict();
    }

    private static void assertSameBits(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        a.forEach((k, t) -> assertThat(b.get(k).floats()).as(k).containsExactly(t.floats()));
    }

    @Test
    void everyCheckpointResumesToTheSameBits() throws Exception {
        DataSource iris = Datasets.open("iris", null);
        Prepared prepared = recipe().build().prepare(iris);
        TrainingResult alone = recipe().build().fit(prepared);

        List<TrainingState> states = new ArrayList<>();
        TrainingResult recorded = recipe().checkpoints(2, states::add).build().fit(prepared);
        assertSameBits(weights(alone), weights(recorded));
        assertThat(states).hasSizeGreaterThan(10);

        for (int i = 0; i < states.size(); i += 3) {
            TrainingState s = states.get(i);
            Path file = CheckpointFile.write(dir.resolve("c" + i), i, s, List.of("train", "--data", "iris"));
            CheckpointFile.Checkpoint back = CheckpointFile.latest(dir.resolve("c" + i));
            assertThat(back.file()).isEqualTo(file);
            assertThat(back.args()).containsExactly("train", "--data", "iris");
            TrainingResult resumed = recipe().build().fit(recipe().build().prepare(iris), back.state());
            assertSameBits(weights(alone), weights(resumed));
            assertThat(resumed.history().epochs()).hasSameSizeAs(alone.history().epochs());
            for (int e = 0; e < alone.history().epochs().size(); e++) {
                assertThat(resumed.history().epochs().get(e).flat()).as("epoch %d of resume %d", e + 1, i)
                        .isEqualTo(alone.history().epochs().get(e).flat());
            }
        }
    }

    @Test
    void aStopRequestEndsTheRunAtAStepWithItsStateHandedOver() {
        DataSource iris = Datasets.open("iris", null);
        Prepared prepared = recipe().build().prepare(iris);
        TrainingResult alone = recipe().build().fit(prepared);
        AtomicInteger asked = new AtomicInteger();
        List<TrainingState> states = new ArrayList<>();
        TrainingResult stopped = recipe().checkpoints(0, states::add).stopWhen(() -> asked.incrementAndGet() > 13)
                .build().fit(prepared);
        assertThat(stopped.history().interrupted()).isTrue();
        TrainingState last = states.get(states.size() - 1);
        assertThat(last.epoch() * 1000L + last.step()).isGreaterThan(1000L);
        TrainingResult resumed = recipe().build().fit(prepared, last);
        assertSameBits(weights(alone), weights(resumed));
    }

    @Test
    void theDirectoryKeepsTheLastTwoAndADamagedNewestFallsBack() throws Exception {
        DataSource iris = Datasets.open("iris", null);
        List<TrainingState> states = new ArrayList<>();
        recipe().checkpoints(3, states::add).build().run(iris);
        Path d = dir.resolve("keep");
        for (int i = 0; i < 4; i++) {
            CheckpointFile.write(d, i, states.get(i), List.of());
        }
        try (var files = Files.list(d)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("checkpoint-000000000002.safetensors", "checkpoint-000000000003.safetensors");
        }
        // A checkpoint a killed run left half-written goes; one another live run is writing here stays.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String abandoned = ".checkpoint-000000000001.safetensors.nabla-" + gone.pid() + "-3f09c1d2e4b5a6f7.tmp";
        String live = ".checkpoint-000000000009.safetensors.nabla-" + ProcessHandle.current().pid() + "-0123456789abcdef.tmp";
        Files.writeString(d.resolve(abandoned), "partial");
        Files.writeString(d.resolve(live), "partial");
        CheckpointFile.write(d, 4, states.get(3), List.of());
        assertThat(Files.exists(d.resolve(abandoned))).isFalse();
        assertThat(Files.exists(d.resolve(live))).isTrue();
        Files.delete(d.resolve(live));
        Files.write(d.resolve("checkpoint-000000000004.safetensors"), new byte[] {1, 2, 3});
        assertThat(CheckpointFile.latest(d).file().getFileName().toString())
                .isEqualTo("checkpoint-000000000003.safetensors");
        assertThatThrownBy(() -> CheckpointFile.latest(dir.resolve("none"))).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("no such checkpoint directory");
    }
}
