package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.data.Datasets;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One {@link TrainedModel} shared by eight threads: 10,000 calls each, from raw table rows (the pipeline, the
 * scaling, the network's forward pass and its workspace temporaries), give bit for bit what one thread gives.
 */
class ConcurrentPredictionTest {
    private static final int THREADS = 8;
    private static final int CALLS = 10_000;
    private static TrainedModel model;
    private static Table rows;
    private static float[][] expected;

    @BeforeAll
    static void trainOnPenguinsAndPredictEveryRowOnOneThread() {
        model = Training.builder().layers("16:relu,8:tanh").epochs(3).build().run(Datasets.open("penguins", null)).model();
        rows = Datasets.embeddedTable("penguins", TableOptions.defaults());
        expected = new float[rows.rows()][];
        for (int i = 0; i < rows.rows(); i++) {
            expected[i] = probabilities(i);
        }
    }

    private static float[] probabilities(int row) {
        return model.predict(rows.subset(new int[] {row})).probabilities().floats().clone();
    }

    /** Runs {@code calls} predictions on each of eight threads, each from its own starting row; counts differences. */
    private static long differencesUnderLoad(int calls) throws Exception {
        AtomicLong differences = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 37;
                done.add(pool.submit(() -> {
                    for (int c = 0; c < calls; c++) {
                        int row = (offset + c) % rows.rows();
                        if (!java.util.Arrays.equals(probabilities(row), expected[row])) {
                            differences.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return differences.get();
    }

    @Test
    void eightThreadsOfTenThousandCallsGiveWhatOneThreadGives() throws Exception {
        assertThat(model.network().isTraining()).as("a trained model is in evaluation mode").isFalse();
        assertThat(differencesUnderLoad(CALLS)).isZero();
    }

    @Test
    void rowsGivenAsMapsArePredictedTheSameUnderLoad() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("island", "Dream");
        row.put("bill_length_mm", 44.5);
        row.put("flipper_length_mm", "200");
        float[] alone = model.predictRows(List.of(row)).probabilities().floats().clone();
        AtomicLong differences = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int c = 0; c < CALLS / 10; c++) {
                        if (!java.util.Arrays.equals(model.predictRows(List.of(row)).probabilities().floats(), alone)) {
                            differences.incrementAndGet();
                        }
                    }
                }));
            }
            // get() rethrows what a worker threw, so a failing prediction fails the test rather than a thread.
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(differences.get()).isZero();
    }

    @Test
    void aNetworkPutBackInTrainingModeIsStillPredictedInEvaluationMode() throws Exception {
        model.network().train(true);
        try {
            assertThat(differencesUnderLoad(CALLS / 10)).isZero();
            assertThat(model.network().isTraining()).isTrue();
        } finally {
            model.network().eval();
        }
    }
}
