package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.data.Dataset;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.Schedules;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer with schedules, clipping and a full-batch optimiser. */
class TrainerToolkitTest {
    private static Dataset blobs(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[rows * 2];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % 2;
            x[2 * i] = (float) (rng.nextGaussian() + 2 * y[i]);
            x[2 * i + 1] = (float) rng.nextGaussian();
        }
        return Dataset.classification("blobs", Tensor.wrap(x, rows, 2), List.of("a", "b"), "y", y, List.of("0", "1"));
    }

    @Test
    void theHistoryRecordsTheRateOfEachEpochsLastUpdate() {
        Sequential net = ModelSpec.mlp(2, "4:tanh", 1).build(new SplittableRandom(1));
        // 40 rows in batches of 10: 4 steps an epoch; exponential halves the rate every epoch.
        History h = Trainer.builder().epochs(3).batchSize(10).schedule(Schedules.config("exponential:0.5", 0)).build()
                .fit(net, new Sgd(net.parameters(), 0.2), blobs(40, 2), null);
        assertThat(h.learningRates()).containsExactly(0.2, 0.1, 0.05);
        assertThat(h.last().flat()).containsEntry(EpochResult.LEARNING_RATE, 0.05);
    }

    @Test
    void reduceOnPlateauHearsTheMonitoredLossAfterEveryEpoch() {
        Sequential net = ModelSpec.mlp(2, "4:tanh", 1).build(new SplittableRandom(1));
        // A relative threshold of 1 makes no loss an improvement, so patience 0 halves the rate after every epoch.
        History h = Trainer.builder().epochs(3).batchSize(10)
                .schedule(Schedules.config("plateau:patience=0,factor=0.5,threshold=1", 0)).build()
                .fit(net, new Sgd(net.parameters(), 0.2), blobs(40, 2), blobs(20, 3));
        assertThat(h.learningRates()).containsExactly(0.2, 0.1, 0.05);
    }

    @Test
    void withoutAScheduleTheRateIsRecordedUnchanged() {
        Sequential net = ModelSpec.mlp(2, "4:tanh", 1).build(new SplittableRandom(1));
        History h = Trainer.builder().epochs(2).batchSize(10).clipping(new Clipping(0.5, 0)).build()
                .fit(net, new Sgd(net.parameters(), 0.3), blobs(40, 2), null);
        assertThat(h.learningRates()).containsExactly(0.3, 0.3);
    }

    @Test
    void lbfgsGetsEveryTrainingRowAsOneBatchAndFitsTheBlobs() {
        Sequential net = ModelSpec.mlp(2, "4:tanh", 1).build(new SplittableRandom(1));
        List<Integer> batches = new ArrayList<>();
        TrainListener listener = new TrainListener() {
            @Override
            public void onTrainStart(int epochs, int batchesPerEpoch, int trainRows) {
                batches.add(batchesPerEpoch);
            }

            @Override
            public void onBatchEnd(int epoch, int batch, double loss, int rows, int correct) {
                batches.add(rows);
            }
        };
        History h = Trainer.builder().epochs(5).batchSize(8).listener(listener).build()
                .fit(net, Optimizers.config("lbfgs", null, 1e-3).create(net.parameters()), blobs(60, 2), null);
        assertThat(batches).containsExactly(1, 60, 60, 60, 60, 60);
        assertThat(h.last().get("accuracy")).isGreaterThan(0.8);
        assertThat(h.series("loss").get(4)).isLessThan(h.series("loss").get(0));
    }
}
