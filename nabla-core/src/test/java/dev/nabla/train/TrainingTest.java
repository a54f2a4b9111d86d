package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.data.DataException;
import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.data.Task;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingTest {

    private static double accuracy(TrainedModel m, Dataset d) {
        int[] predicted = m.predict(d.features()).classes();
        int[] truth = d.labels();
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += predicted[i] == truth[i] ? 1 : 0;
        }
        return (double) right / truth.length;
    }

    @Test
    void theDefaultRecipeLearnsDigitsToAtLeast95PercentOnHeldOutRows() {
        TrainingResult r = Training.builder().build().run(Datasets.open("digits", null));
        assertThat(r.test().rows()).as("20% of 1797, rounded per class").isBetween(355, 365);
        assertThat(accuracy(r.model(), r.test())).isGreaterThanOrEqualTo(0.95);
        assertThat(r.model().task()).isEqualTo(Task.MULTICLASS);
        assertThat(r.model().objective()).isEqualTo(Objective.SOFTMAX_CROSS_ENTROPY);
        assertThat(r.history().epochs()).hasSize(20);
        assertThat(r.history().metricNames()).containsExactly("loss", "accuracy");
        assertThat(r.history().last().validation()).containsOnlyKeys("loss", "accuracy");
        assertThat(r.history().last().flat()).containsOnlyKeys("loss", "accuracy", "val_loss", "val_accuracy",
                "learning_rate");
    }

    @Test
    void aBinaryTargetGetsOneSigmoidOutputAndCrossEntropy() {
        TrainingResult r = Training.builder().layers("16:tanh").epochs(15).build().run(Datasets.open("breast_cancer", null));
        assertThat(r.model().objective()).isEqualTo(Objective.BINARY_CROSS_ENTROPY);
        assertThat(r.model().spec().outputs()).isEqualTo(1);
        assertThat(r.model().predict(r.test().features()).probabilities().cols()).isEqualTo(2);
        assertThat(accuracy(r.model(), r.test())).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void aNumericTargetIsARegressionPredictedInItsOwnUnits() {
        TrainingResult r = Training.builder().layers("32:relu").epochs(40).build().run(Datasets.open("diabetes", null));
        assertThat(r.model().task()).isEqualTo(Task.REGRESSION);
        float[] predicted = r.model().predict(r.test().features()).values();
        float[] truth = r.test().values();
        double mean = 0;
        for (float t : truth) {
            mean += t;
        }
        mean /= truth.length;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < truth.length; i++) {
            ssRes += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            ssTot += (truth[i] - mean) * (truth[i] - mean);
        }
        assertThat(1 - ssRes / ssTot).as("R² on held-out rows").isGreaterThan(0.3);
    }

    @Test
    void theSameSeedGivesBitIdenticalPredictions() {
        Training t = Training.builder().layers("8:tanh").epochs(5).build();
        TrainingResult a = t.run(Datasets.open("iris", null));
        TrainingResult b = t.run(Datasets.open("iris", null));
        Tensor x = a.test().features();
        assertThat(a.model().predict(x).probabilities().floats()).containsExactly(b.model().predict(x).probabilities().floats());
    }

    @Test
    void startingFromAModelContinuesFromItsWeights() {
        TrainingResult first = Training.builder().layers("8:tanh").epochs(30).build().run(Datasets.open("iris", null));
        TrainingResult more = Training.builder().epochs(1).init(first.model()).build().run(Datasets.open("iris", null));
        // one more epoch from trained weights stays trained; from scratch one epoch would not be
        assertThat(accuracy(more.model(), more.test())).isGreaterThanOrEqualTo(accuracy(first.model(), first.test()) - 0.05);
        assertThat(more.history().epochs().get(0).get("loss")).isLessThan(first.history().epochs().get(0).get("loss"));
    }

    @Test
    void automaticEpochsGiveSmallDataEnoughSteps() {
        assertThat(Training.autoEpochs(1437, 32)).as("digits: 45 batches an epoch").isEqualTo(20);
        assertThat(Training.autoEpochs(120, 32)).as("iris: 4 batches an epoch, 500 steps").isEqualTo(125);
        assertThat(Training.autoEpochs(3, 32)).as("capped").isEqualTo(500);
        TrainingResult r = Training.builder().layers("8:tanh").build().run(Datasets.open("iris", null));
        assertThat(r.history().epochs()).hasSize(Training.autoEpochs(r.train().rows(), 32));
    }

    @Test
    void aSingleClassIsRefusedNamingTheTarget() {
        Dataset iris = Datasets.embedded("iris");
        Dataset one = Dataset.classification("one.csv", iris.features(), iris.featureNames(), "species",
                new int[iris.rows()], List.of("setosa"));
        assertThatThrownBy(() -> Training.builder().build().run(DataSource.of(one))).isInstanceOf(DataException.class)
                .hasMessage("one.csv: target 'species' has a single class 'setosa'; classification needs at least two");
    }
}
