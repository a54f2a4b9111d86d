package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.Activation;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    @Test
    void theShortSyntaxBuildsATorchSequentialWithTorchNames() {
        ModelSpec spec = ModelSpec.mlp(784, "256:relu,128:tanh", 10);
        assertThat(spec.outputs()).isEqualTo(10);
        Sequential net = spec.build(new SplittableRandom(0));
        assertThat(net.namedParameters().keySet())
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(net.parameterCount()).isEqualTo(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
        assertThat(((ActivationLayer) net.layers().get(3)).activation()).isEqualTo(Activation.TANH);
    }

    @Test
    void theMykhalchukSkipConnectionIsAnAddOfTwoBranches() {
        // Z₂ = ReLU(W₂·ReLU(W₁X + b₁) + b₂) + W_s·X, then the output layer
        ModelSpec spec = new ModelSpec(2, List.of(
                new AddSpec(List.of(
                        List.of(new LinearSpec(2), new ActivationSpec(Activation.RELU),
                                new LinearSpec(2), new ActivationSpec(Activation.RELU)),
                        List.of(new LinearSpec(2, false, null)))),
                new LinearSpec(1)));
        Sequential net = spec.build(new SplittableRandom(0));
        assertThat(net.namedParameters().keySet()).containsExactly(
                "0.0.0.weight", "0.0.0.bias", "0.0.2.weight", "0.0.2.bias", "0.1.weight", "1.weight", "1.bias");
        assertThat(spec.outputs()).isEqualTo(1);
    }

    @Test
    void theWidestRowIsFoundInsideBranchesAndSequences() {
        assertThat(ModelSpec.mlp(784, "256:relu,128:tanh", 10).maxWidth()).isEqualTo(784);
        assertThat(ModelSpec.mlp(4, "256:relu,128:tanh", 10).maxWidth()).isEqualTo(256);
        ModelSpec branched = new ModelSpec(4, List.of(
                new AddSpec(List.of(
                        List.of(new LinearSpec(900), new ActivationSpec(Activation.RELU), new LinearSpec(4)),
                        List.of(new SequentialSpec(List.of(new LinearSpec(1200), new LinearSpec(4)))))),
                new LinearSpec(3)));
        assertThat(branched.maxWidth()).isEqualTo(1200);
    }

    @Test
    void buildingIsDeterministicInTheSeed() {
        ModelSpec spec = ModelSpec.mlp(4, "8:leaky_relu(0.1)", 3);
        assertThat(spec.build(new SplittableRandom(5)).parameters().get(0).data().floats())
                .containsExactly(spec.build(new SplittableRandom(5)).parameters().get(0).data().floats());
    }

    @Test
    void badLayerTextAndMismatchedBranchesAreNamed() {
        assertThatThrownBy(() -> ModelSpec.mlp(4, "64:relu6", 3)).hasMessageContaining("layer '64:relu6'")
                .hasMessageContaining("unknown activation 'relu6'");
        assertThatThrownBy(() -> ModelSpec.mlp(4, "x:relu", 3)).hasMessageContaining("expected UNITS:ACTIVATION");
        assertThatThrownBy(() -> ModelSpec.mlp(4, "0:relu", 3)).hasMessageContaining("at least one unit");
        assertThatThrownBy(() -> new ModelSpec(2, List.of(new AddSpec(List.of(
                List.of(new LinearSpec(2)), List.of(new LinearSpec(3)))))))
                .hasMessageContaining("branches end with different widths, 2 and 3");
    }

    @Test
    void aNewOutputLayerReplacesTheLastLinear() {
        assertThat(ModelSpec.mlp(4, "8:tanh", 3).withOutputs(5).outputs()).isEqualTo(5);
    }

    @Test
    void theStateSizeIsCountedWithoutBuildingAndEqualsTheBuiltNetwork() {
        List<ModelSpec> specs = List.of(ModelSpec.mlp(4, "8:tanh,6:relu", 3),
                new ModelSpec(3, List.of(new LinearSpec(5), new ActivationSpec(dev.nabla.tensor.Activation.RELU),
                        new AddSpec(List.of(List.of(new LinearSpec(5, false, null)),
                                List.of(new ActivationSpec(dev.nabla.tensor.Activation.IDENTITY)))), new LinearSpec(2))),
                new ModelSpec(5, List.of(new EmbeddingSpec(new int[] {1, 3}, new int[] {7, 4}, new int[] {3, 2}),
                        new SequentialSpec(List.of(new LinearSpec(6), new SoftmaxSpec(false))))));
        for (ModelSpec spec : specs) {
            long built = spec.build(new java.util.SplittableRandom(1)).stateDict().values().stream()
                    .mapToLong(dev.nabla.tensor.Tensor::size).sum();
            assertThat(spec.stateSize()).as(spec.toString()).isEqualTo(built);
        }
    }

    @Test
    void aLayerTooWideForOneArrayIsBadInputNamingIt() {
        ModelSpec wide = ModelSpec.mlp(4, "99999999:relu", 3);
        assertThatThrownBy(() -> wide.requireTrainable(32)).isInstanceOf(dev.nabla.tensor.Memory.TooLarge.class)
                .hasMessage("a layer of 99999999 units on batches of 32 rows needs 3,199,999,968 numbers in one tensor, more "
                        + "than a Java array holds (2,147,483,639)");
        assertThatThrownBy(() -> ModelSpec.mlp(4, "99999999999:relu", 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer '99999999999:relu': 99999999999 units is more than a layer can have (at most 2147483647)");
    }

    @Test
    void aNetworkLargerThanTheHeapIsRefusedBeforeAnythingIsAllocated() {
        ModelSpec big = ModelSpec.mlp(64, "40000:relu,40000:relu", 10);
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.nabla.tensor.Memory.heap() < 25_000_000_000L);
        assertThatThrownBy(() -> big.requireTrainable(32)).isInstanceOf(dev.nabla.tensor.Memory.TooLarge.class)
                .hasMessageStartingWith("training a network of 1,603,040,010 parameters on batches of 32 rows needs about "
                        + "25.7 GB; the Java heap holds at most ");
        ModelSpec.mlp(64, "256:relu,128:relu", 10).requireTrainable(32);
    }
}
