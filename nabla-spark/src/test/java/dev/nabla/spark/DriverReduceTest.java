package dev.nabla.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.data.Dataset;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.DType;
import dev.nabla.train.History;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.Tuple2;

/**
 * The driver-reduce mode: full-batch L-BFGS run by the driver, one Spark job per evaluation, ends with the weights
 * of single-process full-batch L-BFGS to 1e-5 relative in float32 and 1e-12 in float64; the partitions' sums are
 * added in the documented fixed tree.
 */
class DriverReduceTest {

    private static Module network(DType dtype) {
        return ModelSpec.mlp(DataParallelTest.DIGITS.featureCount(), "16:tanh", 10).build(new SplittableRandom(5))
                .to(dtype);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void float32WeightsEqualSingleProcessLbfgs(int partitions) {
        check(DType.F32, partitions, 1e-5);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void float64WeightsEqualSingleProcessLbfgs(int partitions) {
        check(DType.F64, partitions, 1e-12);
    }

    private static void check(DType dtype, int partitions, double tolerance) {
        Dataset train = DataParallelTest.DIGITS.withFeatures(DataParallelTest.scaled(DataParallelTest.DIGITS.features())
                .to(dtype));
        OptimizerConfig lbfgs = Optimizers.config("lbfgs:max_iter=6", null, null);
        Trainer trainer = Trainer.builder().epochs(2).seed(11).build();
        Module single = network(dtype);
        History expected = trainer.fit(single, lbfgs.create(single.parameters()), train, null);
        Module distributed = network(dtype);
        History got = new DataParallel(LocalSpark.get().sparkContext(), partitions).mode(DataParallel.Mode.DRIVER)
                .fit(trainer, distributed, lbfgs, train, null, null);
        assertThat(DataParallelTest.relativeDifference(single, distributed)).isLessThanOrEqualTo(tolerance);
        assertThat(DataParallelTest.relativeDifference(single, network(dtype))).isGreaterThan(1e-3);
        assertThat(got.epochs()).hasSize(2);
        for (int e = 0; e < 2; e++) {
            assertThat(got.epochs().get(e).get("loss"))
                    .isCloseTo(expected.epochs().get(e).get("loss"), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(got.epochs().get(e).get("accuracy")).isEqualTo(expected.epochs().get(e).get("accuracy"));
        }
    }

    @Test
    void partitionSumsAreAddedInPairsWhicheverTaskFinishesFirst() {
        int k = 5;
        int n = 1000;
        float[][] parts = new float[k][n];
        SplittableRandom random = new SplittableRandom(9);
        List<Tuple2<Integer, byte[]>> keyed = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            byte[] bytes = new byte[n * Float.BYTES];
            for (int i = 0; i < n; i++) {
                parts[p][i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-4, 5)));
                MemorySegment.ofArray(bytes).set(Ring.FLOAT, (long) i * Float.BYTES, parts[p][i]);
            }
            keyed.add(new Tuple2<>(p, bytes));
        }
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext());
        byte[] sum = DriverReduce.treeSum(spark.parallelize(keyed, k), k, false);
        for (int i = 0; i < n; i++) {
            float[] g = new float[k];
            for (int p = 0; p < k; p++) {
                g[p] = parts[p][i];
            }
            float expected = ((g[0] + g[1]) + (g[2] + g[3])) + g[4];
            assertThat(MemorySegment.ofArray(sum).get(Ring.FLOAT, (long) i * Float.BYTES)).isEqualTo(expected);
        }
    }

    @Test
    void refusesMiniBatchOptimisersAndDropout() {
        Dataset train = DataParallelTest.DIGITS.withFeatures(DataParallelTest.scaled(DataParallelTest.DIGITS.features()));
        Trainer trainer = Trainer.builder().epochs(1).seed(1).build();
        DataParallel driver = new DataParallel(LocalSpark.get().sparkContext(), 2).mode(DataParallel.Mode.DRIVER);
        assertThatThrownBy(() -> driver.fit(trainer, network(DType.F32), Optimizers.config("sgd", 0.1, null), train,
                null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("full-batch");
        Module dropout = ModelSpec.mlp(train.featureCount(), "16:tanh", 10, false, 0.2).build(new SplittableRandom(1));
        assertThatThrownBy(() -> driver.fit(trainer, dropout, Optimizers.config("lbfgs", null, null), train, null,
                null)).isInstanceOf(TrainingException.class).hasMessageContaining("dropout");
    }
}
