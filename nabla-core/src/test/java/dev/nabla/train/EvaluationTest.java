package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.data.DataException;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final TrainingResult IRIS = Training.builder().layers("8:tanh").epochs(100).build()
            .run(Datasets.open("iris", null));

    @Test
    void classificationScoresAgreeWithTheConfusionMatrixAndThePredictions() {
        Evaluation e = Evaluation.of(IRIS.model(), IRIS.test());
        int[] truth = IRIS.test().labels();
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += e.prediction().classes()[i] == truth[i] ? 1 : 0;
        }
        assertThat(e.metrics().get("accuracy")).isCloseTo((double) right / truth.length, within(1e-12));
        assertThat(e.confusion().total()).isEqualTo(truth.length);
        assertThat(e.metrics()).containsKeys("accuracy", "macro_f1", "log_loss");
        assertThat(e.metrics().get("accuracy")).isGreaterThan(0.85);
    }

    @Test
    void classesAreMatchedByNameNotByPosition() {
        Dataset test = IRIS.test();
        // the same rows with class names listed in reverse: labels renumbered, scores unchanged
        int[] reversed = test.labels();
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = 2 - reversed[i];
        }
        Dataset shuffledNames = Dataset.classification("r", test.features(), test.featureNames(), test.targetName(),
                reversed, List.of("virginica", "versicolor", "setosa"));
        assertThat(Evaluation.of(IRIS.model(), shuffledNames).metrics())
                .isEqualTo(Evaluation.of(IRIS.model(), test).metrics());
    }

    @Test
    void featureColumnsAreMatchedByNameNotByPosition() {
        Dataset test = IRIS.test();
        int[] rows = new int[test.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        float[] x = test.features().floats();
        float[] reversed = new float[x.length];
        for (int i = 0; i < test.rows(); i++) {
            for (int j = 0; j < 4; j++) {
                reversed[i * 4 + j] = x[i * 4 + 3 - j];
            }
        }
        List<String> names = new java.util.ArrayList<>(test.featureNames());
        java.util.Collections.reverse(names);
        Dataset permuted = Dataset.classification("p.csv", dev.nabla.tensor.Tensor.wrap(reversed, test.rows(), 4), names,
                test.targetName(), test.labels(), test.classNames());
        assertThat(Evaluation.of(IRIS.model(), permuted).metrics()).isEqualTo(Evaluation.of(IRIS.model(), test).metrics());
    }

    @Test
    void anUnknownClassAndAWrongFeatureCountAreDataErrors() {
        Dataset test = IRIS.test();
        Dataset other = Dataset.classification("o.csv", test.features(), test.featureNames(), "species",
                test.labels(), List.of("setosa", "versicolor", "rosa"));
        assertThatThrownBy(() -> Evaluation.of(IRIS.model(), other)).isInstanceOf(DataException.class)
                .hasMessageContaining("class 'rosa'");
        assertThatThrownBy(() -> Evaluation.of(IRIS.model(), Datasets.embedded("wine")))
                .hasMessage("wine: 13 features, but the model expects 4");
    }

    @Test
    void regressionIsScoredInTheTargetsUnits() {
        TrainingResult r = Training.builder().layers("16:relu").epochs(30).build().run(Datasets.open("diabetes", null));
        Evaluation e = Evaluation.of(r.model(), r.test());
        assertThat(e.confusion()).isNull();
        assertThat(e.metrics()).containsOnlyKeys("mse", "mae", "r2");
        assertThat(e.metrics().get("mae")).isBetween(20.0, 80.0);
    }
}
