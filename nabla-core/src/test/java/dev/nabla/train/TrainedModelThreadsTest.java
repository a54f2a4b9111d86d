package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.data.Datasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One model, many threads: every prediction equals the one made alone, and no call changes the model's mode. */
class TrainedModelThreadsTest {

    @Test
    void predictionsFromManyThreadsEqualThoseMadeAlone() throws Exception {
        TrainedModel m = Training.builder().layers("16:relu").epochs(2).build()
                .run(Datasets.open("credit_data", null)).model();
        assertThat(m.network().isTraining()).isFalse();
        List<List<Map<String, String>>> requests = new ArrayList<>();
        for (int r = 0; r < 64; r++) {
            requests.add(List.of(Map.of("Income", Integer.toString(50 + r), "Home", r % 2 == 0 ? "rent" : "owner",
                    "Age", Integer.toString(20 + r % 40)), Map.of("Seniority", Integer.toString(r))));
        }
        List<float[]> alone = new ArrayList<>();
        for (List<Map<String, String>> rows : requests) {
            alone.add(m.predictRows(rows).probabilities().floats().clone());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<float[]>> answers = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (List<Map<String, String>> rows : requests) {
                    Callable<float[]> call = () -> m.predictRows(rows).probabilities().floats().clone();
                    answers.add(pool.submit(call));
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).containsExactly(alone.get(i % requests.size()));
            }
        }
        assertThat(m.network().isTraining()).isFalse();
    }
}
