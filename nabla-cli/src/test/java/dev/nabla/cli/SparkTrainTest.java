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
