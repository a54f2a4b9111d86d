package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.io.ModelFile;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.TrainedModel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nabla train --spark local[2]} trains the model the same command trains without it. */
class SparkTrainTest {
    @TempDir
    Path dir;

    @Test
    void trainingThroughSparkEqualsTrainingInOneProcess() throws Exception {
        String[] common = {"train", "--data", "wine", "--layers", "16:relu", "--optimizer", "sgd", "--epochs", "8",
                "--batch-size", "16", "--seed", "3"};
        Cli one = Cli.run(concat(common, "--out", dir.resolve("one.safetensors").toString()));
        assertThat(one.code()).as(one.toString()).isZero();
        Cli two = Cli.run(concat(common, "--out", dir.resolve("two.safetensors").toString(), "--spark", "local[2]",
                "--partitions", "2"));
        assertThat(two.code()).as(two.toString()).isZero();
        assertThat(two.err()).contains("Spark local[2], 2 replicas");
        assertThat(relativeDifference(dir.resolve("one.safetensors"), dir.resolve("two.safetensors")))
                .isLessThan(1e-5);
        assertThat(two.out().lines().filter(l -> l.startsWith("test")).findFirst())
                .isEqualTo(one.out().lines().filter(l -> l.startsWith("test")).findFirst());
    }

    @Test
    void aSparkRunKeepsCheckpointsAndResumesFromThem() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Path whole = dir.resolve("whole.safetensors");
        Cli run = Cli.run("train", "--data", "wine", "--layers", "16:relu", "--dropout", "0.1", "--epochs", "4",
                "--batch-size", "16", "--seed", "3", "--spark", "local[2]", "--checkpoint", checkpoints.toString(),
                "--checkpoint-every", "5", "--out", whole.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        dev.nabla.io.CheckpointFile.Checkpoint last = dev.nabla.io.CheckpointFile.latest(checkpoints);
        assertThat(last.state().epoch()).isEqualTo(4);
        assertThat(last.state().step()).isEqualTo(5);
        Path resumed = dir.resolve("resumed.safetensors");
        Cli again = Cli.run("train", "--resume", checkpoints.toString(), "--out", resumed.toString());
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.err()).contains("resuming").contains("epoch 4, step 5").contains("Spark local[2]");
        assertThat(relativeDifference(whole, resumed)).isZero();

        Cli batchNorm = Cli.run("train", "--data", "wine", "--layers", "16:relu", "--batch-norm", "--epochs", "1",
                "--spark", "local[2]");
        assertThat(batchNorm.code()).isEqualTo(2);
        assertThat(batchNorm.err()).contains("nabla: batch norm cannot train data-parallel").doesNotContain("\tat ");
    }

    @Test
    void fullBatchLbfgsInTheDriverReduceModeEqualsOneProcess() throws Exception {
        String[] common = {"train", "--data", "wine", "--layers", "16:tanh", "--optimizer", "lbfgs:max_iter=5",
                "--epochs", "2", "--seed", "3"};
        Cli one = Cli.run(concat(common, "--out", dir.resolve("one.safetensors").toString()));
        assertThat(one.code()).as(one.toString()).isZero();
        Cli two = Cli.run(concat(common, "--out", dir.resolve("two.safetensors").toString(), "--spark", "local[2]",
                "--partitions", "2", "--spark-mode", "driver"));
        assertThat(two.code()).as(two.toString()).isZero();
        assertThat(two.err()).contains("Spark local[2], 2 replicas, driver-reduce");
        assertThat(relativeDifference(dir.resolve("one.safetensors"), dir.resolve("two.safetensors")))
                .isLessThan(1e-5);
    }

    @Test
    void sparkModeIsCheckedAgainstTheOptimiser() {
        Cli alone = Cli.run("train", "--data", "iris", "--spark-mode", "driver");
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).contains("--spark-mode: only with --spark");
        Cli sgd = Cli.run("train", "--data", "iris", "--optimizer", "sgd", "--spark", "local[2]", "--spark-mode",
                "driver");
        assertThat(sgd.code()).isEqualTo(2);
        assertThat(sgd.err()).contains("--spark-mode: driver makes one Spark job per loss evaluation, for full-batch "
                + "optimisers (lbfgs), not sgd").doesNotContain("\tat ");
        Cli unknown = Cli.run("train", "--data", "iris", "--spark", "local[2]", "--spark-mode", "ring");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--spark-mode: unknown Spark mode 'ring' (barrier, driver)");
    }

    @Test
    void partitionsWithoutSparkIsAUsageError() {
        Cli r = Cli.run("train", "--data", "iris", "--partitions", "2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--partitions: only with --spark");
    }

    /** ‖a − b‖∞ / ‖a‖∞ over the weights of two model files. */
    static double relativeDifference(Path one, Path two) throws Exception {
        TrainedModel a = ModelFile.load(one);
        TrainedModel b = ModelFile.load(two);
        double diff = 0;
        double scale = 0;
        for (Map.Entry<String, Tensor> e : a.network().stateDict().entrySet()) {
            Tensor y = b.network().stateDict().get(e.getKey());
            for (int i = 0; i < y.size(); i++) {
                diff = Math.max(diff, Math.abs(e.getValue().get(i) - y.get(i)));
                scale = Math.max(scale, Math.abs(e.getValue().get(i)));
            }
        }
        return diff / scale;
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
