package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StateDictTest {

    /** A module with a buffer, as batch norm's running statistics are. */
    private static final class Counter extends Module {
        Counter() {
            registerParameter("weight", Variable.parameter(Tensor.of(1f, 2f)));
            registerBuffer("seen", Tensor.zeros(DType.F32, 2));
        }

        @Override
        public Variable forward(Variable x) {
            return x;
        }
    }

    @Test
    void keysAreTorchsParametersThenBuffersThenChildren() {
        var rng = new SplittableRandom(0);
        Sequential net = new Sequential(new Linear(3, 2, rng), new Counter(), new Sequential(new Linear(2, 2, rng)));
        assertThat(net.stateDict().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.seen",
                "2.0.weight", "2.0.bias");
        assertThat(net.namedParameters().keySet()).doesNotContain("1.seen");
        assertThat(net.parameters()).hasSize(5);
        assertThat(net.parameters().name(2)).isEqualTo("1.weight");
    }

    @Test
    void loadingCopiesIntoTheLiveTensorsConvertingTheDtype() {
        var rng = new SplittableRandom(0);
        Sequential a = new Sequential(new Linear(3, 2, rng), new Counter());
        Sequential b = new Sequential(new Linear(3, 2, new SplittableRandom(9)), new Counter());
        Tensor live = b.stateDict().get("0.weight");
        a.stateDict().get("1.seen").set(1, 7);
        Map<String, Tensor> f64 = new LinkedHashMap<>();
        a.stateDict().forEach((k, t) -> f64.put(k, t.to(DType.F64)));
        b.loadStateDict(f64);
        assertThat(b.stateDict().get("0.weight")).isSameAs(live);
        assertThat(live.floats()).containsExactly(a.stateDict().get("0.weight").floats());
        assertThat(b.stateDict().get("1.seen").get(1)).isEqualTo(7.0);
    }

    @Test
    void loadingIsStrictAndNamesTheKeyAtFault() {
        var rng = new SplittableRandom(0);
        Sequential net = new Sequential(new Linear(3, 2, rng), new Counter());
        Map<String, Tensor> missing = new LinkedHashMap<>(net.stateDict());
        missing.remove("1.seen");
        assertThatThrownBy(() -> net.loadStateDict(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"1.seen\"").hasMessageContaining("missing");
        Map<String, Tensor> extra = new LinkedHashMap<>(net.stateDict());
        extra.put("1.running_mean", Tensor.zeros(DType.F32, 2));
        assertThatThrownBy(() -> net.loadStateDict(extra)).hasMessageContaining("[1.running_mean]");
        Map<String, Tensor> shape = new LinkedHashMap<>(net.stateDict());
        shape.put("0.weight", Tensor.zeros(DType.F32, 3, 2));
        Tensor before = net.stateDict().get("0.bias").copy();
        shape.put("0.bias", Tensor.full(DType.F32, 5, 2));
        assertThatThrownBy(() -> net.loadStateDict(shape)).hasMessageContaining("\"0.weight\" has shape [3, 2]");
        assertThat(net.stateDict().get("0.bias").floats()).as("nothing loaded on failure").containsExactly(before.floats());
    }

    @Test
    void toConvertsBuffersToo() {
        Counter c = new Counter();
        c.to(DType.F64);
        assertThat(c.stateDict().values()).allSatisfy(t -> assertThat(t.dtype()).isEqualTo(DType.F64));
    }
}
