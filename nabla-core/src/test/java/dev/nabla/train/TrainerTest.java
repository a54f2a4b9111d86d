package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Dataset;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {
    /** Rows with random labels: a big network memorises the training rows and validation gets worse. */
    private static Dataset noise(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[rows * 5];
        int[] y = new int[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < rows; i++) {
            y[i] = rng.nextInt(3);
        }
        return Dataset.classification("noise", Tensor.wrap(x, rows, 5), List.of("a", "b", "c", "d", "e"), "y", y,
                List.of("0", "1", "2"));
    }

    @Test
    void earlyStoppingRestoresTheWeightsOfTheBestValidationEpoch() {
        Sequential net = ModelSpec.mlp(5, "64:relu", 3).build(new SplittableRandom(1));
        List<List<Tensor>> weightsAfterEpoch = new ArrayList<>();
        TrainListener recorder = new TrainListener() {
            @Override
            public void onEpochEnd(EpochResult result) {
                weightsAfterEpoch.add(net.parameters().stream().map(p -> p.data().copy()).toList());
            }
        };
        History h = Trainer.builder().epochs(200).batchSize(8).patience(3).listener(recorder).build()
                .fit(net, new Sgd(net.parameters(), 0.2), noise(60, 2), noise(60, 3));
        assertThat(h.stoppedEarly()).isTrue();
        assertThat(h.epochs()).hasSize(h.bestEpoch() + 3);
        double best = h.validationSeries("loss").stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(h.epochs().get(h.bestEpoch() - 1).validation("loss")).isEqualTo(best);
        List<Tensor> expected = weightsAfterEpoch.get(h.bestEpoch() - 1);
        List<Variable> actual = net.parameters();
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).data().floats()).containsExactly(expected.get(i).floats());
        }
    }

    @Test
    void listenersSeeEveryBatchAndEpoch() {
        Sequential net = ModelSpec.mlp(5, "4:tanh", 3).build(new SplittableRandom(1));
        int[] batches = new int[1];
        int[] rows = new int[1];
        int[] correct = new int[1];
        List<Integer> epochs = new ArrayList<>();
        TrainListener l = new TrainListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, double loss, int n, int right) {
                batches[0]++;
                rows[0] += n;
                correct[0] += epoch == 3 ? right : 0;
            }

            @Override
            public void onEpochEnd(EpochResult result) {
                epochs.add(result.epoch());
            }
        };
        History h = Trainer.builder().epochs(3).batchSize(16).listener(l).build()
                .fit(net, new Sgd(net.parameters(), 0.1), noise(50, 1), null);
        assertThat(batches[0]).isEqualTo(3 * 4);
        assertThat(rows[0]).isEqualTo(150);
        assertThat(epochs).containsExactly(1, 2, 3);
        assertThat(h.metricNames()).containsExactly("loss", "accuracy");
        assertThat(correct[0] / 50.0).as("batch counts add up to the epoch's accuracy").isEqualTo(h.last().get("accuracy"));
        assertThat(h.bestEpoch()).isBetween(1, 3);
    }

    @Test
    void aDivergingLossStopsTrainingWithAHint() {
        Sequential net = ModelSpec.mlp(5, "64:relu,64:relu", 3).build(new SplittableRandom(1));
        Dataset d = noise(64, 1);
        float[] x = d.features().floats();
        for (int i = 0; i < x.length; i++) {
            x[i] *= 1e4f;
        }
        List<String> warnings = new ArrayList<>();
        TrainListener warned = new TrainListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        };
        Map<String, Tensor> before = new LinkedHashMap<>();
        TrainListener recorder = new TrainListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, double loss, int rows, int correct) {
                before.clear();
                net.stateDict().forEach((k, t) -> before.put(k, t.copy()));
            }
        };
        assertThatThrownBy(() -> Trainer.builder().epochs(50).listener(warned).listener(recorder).build()
                .fit(net, new Sgd(net.parameters(), 10), d, null))
                .isInstanceOfSatisfying(DivergedException.class, e -> {
                    assertThat(e.getMessage()).contains("training diverged at epoch " + e.epoch() + ", step " + e.step())
                            .contains("learning rate 10.0").contains("Lower the learning rate")
                            .contains("the weights before this step are kept");
                });
        net.stateDict().forEach((k, t) -> assertThat(t.floats()).as("%s as after the last good step", k)
                .containsExactly(before.get(k).floats()));
        assertThat(warnings).as("the loss exploded while finite before it diverged").hasSize(1);
    }

    @Test
    void theGuardSeesANonFiniteGradientEvenWhenTheLossIsFinite() {
        for (int n : new int[] {1, 7, 16, 33, 100}) {
            for (dev.nabla.tensor.DType dtype : dev.nabla.tensor.DType.values()) {
                Variable p = Variable.parameter(Tensor.zeros(dtype, n));
                p.gradBuffer();
                assertThat(Gradients.finite(List.of(p))).isTrue();
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    p.grad().set(n - 1, bad);
                    assertThat(Gradients.finite(List.of(p))).as("%s at the end of %d %s", bad, n, dtype).isFalse();
                    p.grad().set(n - 1, 0);
                    p.grad().set(0, bad);
                    assertThat(Gradients.finite(List.of(p))).as("%s at the start of %d %s", bad, n, dtype).isFalse();
                    p.grad().set(0, 0);
                }
                p.grad().set(n / 2, Float.MAX_VALUE);
                assertThat(Gradients.finite(List.of(p))).as("large but finite").isTrue();
            }
        }
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> Trainer.builder().batchSize(0)).hasMessageContaining("batch size must be positive, got 0");
        assertThatThrownBy(() -> Trainer.builder().epochs(-1)).hasMessageContaining("epochs must be positive");
        assertThatThrownBy(() -> Trainer.builder().patience(-1)).hasMessageContaining("patience");
    }
}
