package dev.nabla.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.History;
import dev.nabla.train.Trainer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The requirement of exact data parallelism: the same seeded batches, shares summed into the whole batch's gradient,
 * the same update on every replica — so the weights after training equal single-process training's to 1e-5
 * relative in float32 and 1e-12 in float64, for 1, 2 and 4 partitions.
 */
class DataParallelTest {

    /** The embedded digits' training rows, encoded as the recipe encodes them: 64 pixel columns, 10 classes. */
    static final Dataset DIGITS = dev.nabla.train.Training.builder().build().prepare(Datasets.open("digits", null))
            .split().train();

    static double relativeDifference(Module a, Module b) {
        return dev.nabla.spark.bench.Compare.relativeDifference(a, b);
    }

    /** With dropout, whose masks a replica draws by each row's place in the global batch. */
    private static Module network(DType dtype) {
        Module m = ModelSpec.mlp(DIGITS.featureCount(), "32:relu,16:tanh", 10, false, 0.2)
                .build(new SplittableRandom(3));
        return m.to(dtype);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void float32WeightsEqualSingleProcessTraining(int partitions) {
        check(DType.F32, partitions, 1e-5);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void float64WeightsEqualSingleProcessTraining(int partitions) {
        check(DType.F64, partitions, 1e-12);
    }

    private static void check(DType dtype, int partitions, double tolerance) {
        Dataset train = DIGITS.withFeatures(scaled(DIGITS.features()).to(dtype));
        OptimizerConfig sgd = Optimizers.config("momentum", 0.05, null);
        Trainer trainer = Trainer.builder().epochs(3).batchSize(50).seed(11).build();
        Module single = network(dtype);
        History expected = trainer.fit(single, sgd.create(single.parameters()), train, null);
        Module distributed = network(dtype);
        History got = new DataParallel(LocalSpark.get().sparkContext(), partitions)
                .fit(trainer, distributed, sgd, train, null, null);
        assertThat(relativeDifference(single, distributed)).isLessThanOrEqualTo(tolerance);
        if (partitions == 1) {
            assertThat(relativeDifference(single, distributed)).isZero();
        }
        assertThat(got.epochs()).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(got.epochs().get(e).get("loss"))
                    .isCloseTo(expected.epochs().get(e).get("loss"), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(got.epochs().get(e).get("accuracy")).isEqualTo(expected.epochs().get(e).get("accuracy"));
        }
    }

    /** Pixel values 0…16 to 0…1, so that plain SGD trains. */
    static Tensor scaled(Tensor x) {
        Tensor out = x.copy();
        for (int i = 0; i < out.size(); i++) {
            out.set(i, out.get(i) / 16);
        }
        return out;
    }
}
