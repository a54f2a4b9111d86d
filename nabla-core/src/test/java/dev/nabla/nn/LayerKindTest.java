package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one-place rule: every layer kind is found from its record, and every module gives back its spec. */
class LayerKindTest {

    /** One spec of every kind (a test fails when a kind is added without a row here). */
    static List<LayerSpec> oneOfEach() {
        return List.of(
                new LinearSpec(5), new LinearSpec(4, false, Init.HE_NORMAL),
                new ActivationSpec(Activation.IDENTITY), new ActivationSpec(Activation.TANH),
                new ActivationSpec(Activation.SIGMOID), new ActivationSpec(Activation.RELU),
                new ActivationSpec(Activation.LEAKY_RELU, 0.2),
                new AddSpec(List.of(List.of(new LinearSpec(3)), List.of(new LinearSpec(3), new ActivationSpec(Activation.TANH)))),
                new SequentialSpec(List.of(new LinearSpec(3), new ActivationSpec(Activation.RELU))),
                new SoftmaxSpec(false), new SoftmaxSpec(true),
                new EmbeddingSpec(new int[] {1, 4}, new int[] {5, 3}, new int[] {2, 4}));
    }

    @Test
    void everyPermittedRecordDeclaresItsKindsAndEveryKindHasARow() {
        assertThat(LayerKind.all()).extracting(LayerKind::type).doesNotHaveDuplicates()
                .contains("linear", "add", "sequential", "softmax", "log_softmax", "tanh", "leaky_relu");
        assertThat(oneOfEach()).extracting(LayerSpec::type)
                .containsAll(LayerKind.all().stream().map(LayerKind::type).toList());
        assertThat(Arrays.stream(LayerSpec.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .containsExactlyInAnyOrderElementsOf(oneOfEach().stream().map(s -> s.getClass().getSimpleName())
                        .collect(Collectors.toSet()));
    }

    @Test
    void everyKindReadsBackWhatItWrote() {
        for (LayerSpec spec : oneOfEach()) {
            MapFields fields = new MapFields();
            spec.write(fields);
            LayerKind kind = LayerKind.of(spec.type());
            assertThat(kind.keys()).as(spec.type()).containsAll(fields.keySet());
            assertThat(kind.read().apply(fields)).as(spec.type()).isEqualTo(spec);
        }
    }

    @Test
    void everyModuleGivesBackTheSpecThatBuildsAnEqualNetwork() {
        for (LayerSpec spec : oneOfEach()) {
            Module built = spec.build(6, null, new SplittableRandom(1));
            LayerSpec back = built.spec();
            assertThat(back.type()).isEqualTo(spec.type());
            assertThat(back.outputWidth(6)).isEqualTo(spec.outputWidth(6));
            Module again = back.build(6, null, new SplittableRandom(1));
            assertThat(shapes(again.stateDict())).as(spec.type()).isEqualTo(shapes(built.stateDict()));
            assertThat(values(again.stateDict())).as("same seed, same weights: " + spec.type())
                    .isEqualTo(values(built.stateDict()));
        }
    }

    @Test
    void aNetworkBuiltInCodeHasASpecEvenWhenItEndsInSoftmax() {
        var rng = new SplittableRandom(3);
        Sequential net = new Sequential(new Linear(4, 8, rng), new Relu(),
                new Add(new Sequential(new Linear(8, 8, rng), new Tanh()), new Identity()),
                new Linear(8, 3, rng), new Softmax());
        ModelSpec spec = ModelSpec.of(net, 4);
        assertThat(spec.layers()).extracting(LayerSpec::type)
                .containsExactly("linear", "relu", "add", "linear", "softmax");
        assertThat(spec.outputs()).isEqualTo(3);
        assertThat(spec.build(new SplittableRandom(0)).stateDict().keySet())
                .containsExactlyElementsOf(net.stateDict().keySet());
    }

    @Test
    void aCustomModuleSaysItHasNoFileForm() {
        Module custom = new Module() {
            @Override
            public dev.nabla.autograd.Variable forward(dev.nabla.autograd.Variable x) {
                return x;
            }
        };
        assertThatThrownBy(custom::spec).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no file form");
    }

    private static Map<String, List<Integer>> shapes(Map<String, Tensor> state) {
        return state.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> Arrays.stream(e.getValue().shape()).boxed().toList()));
    }

    private static Map<String, List<Double>> values(Map<String, Tensor> state) {
        return state.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> Arrays.stream(e.getValue().to(DType.F64).doubles()).boxed().toList()));
    }

    /** Fields in a map: the file form without JSON. */
    private static final class MapFields extends java.util.LinkedHashMap<String, Object> implements SpecReader, SpecWriter {
        @Override
        public void writeNumber(String key, double value) {
            put(key, value);
        }

        @Override
        public void writeInteger(String key, long value) {
            put(key, value);
        }

        @Override
        public void writeBool(String key, boolean value) {
            put(key, value);
        }

        @Override
        public void writeString(String key, String value) {
            put(key, value);
        }

        @Override
        public void writeLayers(String key, List<LayerSpec> layers) {
            put(key, layers);
        }

        @Override
        public void writeBranches(String key, List<List<LayerSpec>> branches) {
            put(key, branches);
        }

        @Override
        public void writeIntegers(String key, int[] values) {
            put(key, values.clone());
        }

        @Override
        public int[] integers(String key, int min, int max) {
            return ((int[]) get(key)).clone();
        }

        @Override
        public boolean has(String key) {
            return containsKey(key);
        }

        @Override
        public int integer(String key, int min, int max) {
            return ((Long) get(key)).intValue();
        }

        @Override
        public double number(String key) {
            return (Double) get(key);
        }

        @Override
        public boolean bool(String key) {
            return (Boolean) get(key);
        }

        @Override
        public String string(String key) {
            return (String) get(key);
        }

        @Override
        public <T> T parse(String key, java.util.function.Function<String, T> parse) {
            return parse.apply(string(key));
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<LayerSpec> layers(String key) {
            return (List<LayerSpec>) get(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<List<LayerSpec>> branches(String key) {
            return (List<List<LayerSpec>>) get(key);
        }
    }
}
