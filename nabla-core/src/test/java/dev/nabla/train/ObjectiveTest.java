package dev.nabla.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.data.Batches;
import dev.nabla.data.Datasets;
import dev.nabla.data.Dataset;
import dev.nabla.data.Task;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.DType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObjectiveTest {
    @Test
    void theTaskChoosesTheObjective() {
        assertThat(Objective.forTask(Task.MULTICLASS)).isEqualTo(Objective.SOFTMAX_CROSS_ENTROPY);
        assertThat(Objective.forTask(Task.BINARY)).isEqualTo(Objective.BINARY_CROSS_ENTROPY);
        assertThat(Objective.forTask(Task.REGRESSION)).isEqualTo(Objective.MSE);
    }

    @Test
    void everyObjectiveWorksOnFloat64Networks() {
        Dataset iris = Datasets.embedded("iris");
        Sequential net = ModelSpec.mlp(4, "5:tanh", 3).build(new SplittableRandom(1));
        net.to(DType.F64);
        var batch = Batches.inOrder(iris.features().to(DType.F64), iris.targets(), 10).next();
        for (Objective o : new Objective[] {Objective.SOFTMAX_CROSS_ENTROPY, Objective.MSE, Objective.HUBER,
                Objective.L1, Objective.SOFTMAX_CROSS_ENTROPY.withLabelSmoothing(0.1).withClassWeights(1, 2, 3)}) {
            var loss = o.loss(net.forward(dev.nabla.autograd.Variable.constant(batch.features())), batch);
            assertThat(loss.data().dtype()).as(o.id()).isEqualTo(DType.F64);
            assertThat(loss.item()).as(o.id()).isPositive();
        }
    }

    @Test
    void outputWidthsFollowTheTaskAndMismatchesAreExplained() {
        assertThat(Objective.SOFTMAX_CROSS_ENTROPY.outputs(Task.BINARY, 2)).isEqualTo(2);
        assertThat(Objective.BINARY_CROSS_ENTROPY.outputs(Task.BINARY, 2)).isEqualTo(1);
        assertThat(Objective.MSE.outputs(Task.MULTICLASS, 4)).isEqualTo(4);
        assertThatThrownBy(() -> Objective.SOFTMAX_CROSS_ENTROPY.outputs(Task.REGRESSION, 0))
                .hasMessageContaining("needs class labels");
        assertThatThrownBy(() -> Objective.fromId("hinge")).hasMessageContaining("unknown loss 'hinge'");
    }

    @Test
    void namesCarryTheirArgumentsAndTheFileKeepsTheKind() {
        assertThat(Objective.fromId("huber:0.5")).isEqualTo(Objective.huber(0.5));
        assertThat(Objective.fromId("huber")).isEqualTo(Objective.HUBER).isNotEqualTo(Objective.huber(2));
        assertThat(Objective.fromId("Cross-Entropy:label_smoothing=0.1"))
                .isEqualTo(Objective.SOFTMAX_CROSS_ENTROPY.withLabelSmoothing(0.1));
        assertThat(Objective.fromId("bce:pos_weight=3").posWeight()).isEqualTo(3);
        assertThat(Objective.fromId("mae")).isEqualTo(Objective.L1);
        assertThat(Objective.huber(0.5).id()).isEqualTo("huber");
        assertThat(Objective.huber(0.5).describe()).isEqualTo("huber (delta 0.5)");
        assertThat(Objective.SOFTMAX_CROSS_ENTROPY.withClassWeights(1, 2).withLabelSmoothing(0.2).describe())
                .isEqualTo("softmax_cross_entropy (label_smoothing 0.2, class weights [1.0, 2.0])");
        assertThatThrownBy(() -> Objective.fromId("huber:0")).hasMessageContaining("delta must be a positive number");
        assertThatThrownBy(() -> Objective.fromId("mse:0.5")).hasMessageContaining("takes none");
        assertThatThrownBy(() -> Objective.MSE.withLabelSmoothing(0.1))
                .hasMessageContaining("label smoothing applies to softmax_cross_entropy, not mse");
        assertThatThrownBy(() -> Objective.SOFTMAX_CROSS_ENTROPY.withLabelSmoothing(1.5)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Objective.SOFTMAX_CROSS_ENTROPY.withClassWeights(1, 2).outputs(Task.MULTICLASS, 3))
                .hasMessageContaining("2 class weights for a target of 3 classes");
        assertThat(Objective.HUBER.outputs(Task.REGRESSION, 0)).isEqualTo(1);
        assertThatThrownBy(() -> Objective.BINARY_CROSS_ENTROPY.outputs(Task.REGRESSION, 0))
                .hasMessageContaining("use mse, huber or l1");
    }

    @Test
    void huberAndL1TrainARegression() {
        for (Objective o : new Objective[] {Objective.huber(0.5), Objective.L1}) {
            TrainingResult r = Training.builder().layers("16:tanh").epochs(30).objective(o)
                    .optimizer(p -> new dev.nabla.optim.Adam(p, 0.01)).build().run(Datasets.open("diabetes", null));
            assertThat(r.model().objective()).isEqualTo(o);
            assertThat(r.history().series("loss").get(29)).as(o.id()).isLessThan(r.history().series("loss").get(0));
        }
    }
}
