package dev.nabla.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.data.Dataset;
import dev.nabla.io.CheckpointFile;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.DType;
import dev.nabla.train.History;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults and checkpoints of data-parallel runs: a task that dies makes Spark run the barrier stage again, whose
 * replicas continue from rank 0's newest checkpoint and end with the weights of the run left alone; a run resumes from
 * a checkpoint of its own, and the single-process trainer from one of a Spark run.
 */
class RecoveryTest {
    private static final Dataset TRAIN = DataParallelTest.DIGITS.withFeatures(
            DataParallelTest.scaled(DataParallelTest.DIGITS.features()).to(DType.F64));
    private static final OptimizerConfig ADAM = Optimizers.config("adam", 0.01, null);
    private static final Trainer TRAINER = Trainer.builder().epochs(3).batchSize(50).seed(5).build();
    private static final int PER_EPOCH = (TRAIN.rows() + 49) / 50;

    private static Module network() {
        return ModelSpec.mlp(TRAIN.featureCount(), "24:relu", 10, false, 0.1).build(new SplittableRandom(7)).to(DType.F64);
    }

    private static DataParallel twoReplicas() {
        return new DataParallel(LocalSpark.get().sparkContext(), 2);
    }

    /**
     * Bit-identical, not merely within 1e-12: the retried attempt's replicas load the checkpoint's exact bits (weights,
     * optimiser and schedule state, generator positions), the batches are a function of the seed and the position,
     * and each partition keeps its rank, so the ring sums every chunk in the same order as the first attempt did.
     */
    @Test
    void aTaskThatDiesMidRunIsRetriedFromTheLastCheckpointToTheUninterruptedWeights(@TempDir Path dir)
            throws Exception {
        Module alone = network();
        History expected = twoReplicas().fit(TRAINER, alone, ADAM, TRAIN, null, null);
        Module failed = network();
        List<Integer> retried = new java.util.concurrent.CopyOnWriteArrayList<>();
        SparkListener attempts = new SparkListener() {
            @Override
            public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
                if (submitted.stageInfo().attemptNumber() > 0) {
                    retried.add(submitted.stageInfo().attemptNumber());
                }
            }
        };
        LocalSpark.get().sparkContext().addSparkListener(attempts);
        History got;
        try {
            // A checkpoint every 7 steps: the stage's second attempt resumes from epoch 2, step 7.
            got = twoReplicas().checkpoints(dir, 7, List.of("--the", "args")).failOnceAt(PER_EPOCH + 12)
                    .fit(TRAINER, failed, ADAM, TRAIN, null, null);
        } finally {
            LocalSpark.get().sparkContext().removeSparkListener(attempts);
        }
        assertThat(retried).containsExactly(1);
        assertThat(DataParallelTest.relativeDifference(alone, failed)).isZero();
        assertThat(got.epochs()).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(got.epochs().get(e).train()).isEqualTo(expected.epochs().get(e).train());
        }
        CheckpointFile.Checkpoint last = CheckpointFile.latest(dir);
        assertThat(last.args()).containsExactly("--the", "args");
        assertThat(last.state().epoch()).isEqualTo(3);
        assertThat(last.state().step()).isEqualTo((PER_EPOCH - 1) / 7 * 7);
    }

    @Test
    void aRunResumesFromItsCheckpointAndTheSingleProcessTrainerFromOneOfSpark(@TempDir Path dir) throws Exception {
        Module alone = network();
        twoReplicas().checkpoints(dir, 10, List.of()).fit(TRAINER, alone, ADAM, TRAIN, null, null);
        CheckpointFile.Checkpoint last = CheckpointFile.latest(dir);
        assertThat(last.state().epoch()).isEqualTo(3);
        assertThat(last.state().step()).isEqualTo((PER_EPOCH - 1) / 10 * 10);

        Module resumed = network();
        twoReplicas().fit(TRAINER, resumed, ADAM, TRAIN, null, last.state());
        assertThat(DataParallelTest.relativeDifference(alone, resumed)).isZero();

        Module single = network();
        TRAINER.fit(single, ADAM.create(single.parameters()), TRAIN, null, last.state());
        assertThat(DataParallelTest.relativeDifference(alone, single)).isLessThanOrEqualTo(1e-12);
        assertThat(Files.list(dir).count()).isEqualTo(2);
    }

    @Test
    void batchNormIsRefusedBecauseAShareIsNotTheWholeBatch() {
        Module network = ModelSpec.mlp(TRAIN.featureCount(), "24:relu", 10, true, 0).build(new SplittableRandom(7));
        assertThatThrownBy(() -> twoReplicas().fit(TRAINER, network, ADAM, TRAIN, null, null))
                .isInstanceOf(TrainingException.class)
                .hasMessage("batch norm cannot train data-parallel: each replica would normalise its share of a batch "
                        + "by the share's statistics, not the whole batch's; train without batch norm or without "
                        + "Spark");
    }
}
