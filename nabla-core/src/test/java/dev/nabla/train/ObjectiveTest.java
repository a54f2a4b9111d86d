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
        for (Objective o : new Objective[] {Objective.SOFTMAX_CROSS_ENTROPY, Objective.MSE}) {
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
}
