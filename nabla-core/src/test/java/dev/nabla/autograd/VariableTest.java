package dev.nabla.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VariableTest {
    private static Variable param(double... values) {
        return Variable.parameter(Tensor.of(values));
    }

    private static Variable constant(double... values) {
        return Variable.constant(Tensor.of(values));
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Variable x = param(1, 2, 3);
        Variable c = constant(0.5, -1, 4);

        x.mul(c).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0.5, -1, 4);
        x.mul(c).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(1, -2, 8);

        Tensor storage = x.grad();
        x.zeroGrad();
        assertThat(x.grad()).isSameAs(storage);
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 0, 0);
        x.mul(c).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0.5, -1, 4);
    }

    @Test
    void backwardTwiceThroughTheSameGraphAddsTheGradientTwice() {
        // The gradient of an intermediate value must not carry over from the first pass into the second:
        // x̄ is 2·f′(x), as PyTorch's retain_graph gives, not 3·f′(x).
        Variable x = param(0.3, -0.8);
        Variable loss = x.tanh().scale(2).sum();

        loss.backward();
        loss.backward();

        for (int i = 0; i < 2; i++) {
            double t = Math.tanh(x.data().get(i));
            assertThat(x.grad().get(i)).isCloseTo(2 * 2 * (1 - t * t), within(1e-12));
        }
    }

    @Test
    void sharedIntermediateDoesNotCarryTheFirstLossIntoTheSecond() {
        // h = 3x feeds two losses; after L1 = Σh and L2 = Σ2h are each backpropagated, x̄ = 3 + 6.
        Variable x = param(1.0);
        Variable h = x.scale(3);
        h.sum().backward();
        h.scale(2).sum().backward();

        assertThat(x.grad().item()).isEqualTo(9.0);
        assertThat(h.grad().item()).as("h̄ of the latest backward").isEqualTo(2.0);
    }

    @Test
    void backwardFromANonScalarFailsNamingTheShape() {
        Variable x = Variable.parameter(Tensor.zeros(DType.F64, 2, 3));

        assertThatThrownBy(() -> x.tanh().backward())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scalar")
                .hasMessageContaining("[2, 3]");
    }

    @Test
    void backwardFromAValueWithoutGradientFails() {
        assertThatThrownBy(() -> constant(1, 2).sum().backward()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not depend on any parameter");
    }

    @Test
    void insideNoGradResultsAreConstantsAndScopesNest() {
        Variable x = param(1, -2);
        assertThat(Grad.isEnabled()).isTrue();
        try (Grad.Scope outer = Grad.noGrad()) {
            Variable y = x.tanh().sum();
            assertThat(y.requiresGrad()).isFalse();
            assertThat(y.data().item()).isCloseTo(Math.tanh(1) + Math.tanh(-2), within(1e-12));
            assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class);
            try (Grad.Scope inner = Grad.noGrad()) {
                assertThat(x.mul(x).requiresGrad()).isFalse();
            }
            assertThat(Grad.isEnabled()).as("still disabled after the inner scope closes").isFalse();
            assertThat(x.relu().requiresGrad()).isFalse();
            outer.close();
            outer.close(); // closing twice is harmless
            assertThat(Grad.isEnabled()).isTrue();
            assertThat(x.relu().requiresGrad()).isTrue();
        }
        assertThat(Grad.isEnabled()).isTrue();
        assertThat(x.grad()).as("nothing recorded, nothing propagated").isNull();
    }

    @Test
    void noGradIsPerThread() throws Exception {
        AtomicReference<Boolean> other = new AtomicReference<>();
        try (Grad.Scope ignored = Grad.noGrad()) {
            Thread t = new Thread(() -> other.set(param(1).tanh().requiresGrad()));
            t.start();
            t.join();
        }
        assertThat(other.get()).isTrue();
    }

    @Test
    void valueUsedTwiceGetsTheSumOfBothPaths() {
        // L = Σ (t + 3t) with t = tanh x: two paths from t to L, x̄ = 4·(1 − t²).
        Variable x = param(0.2, -1.1, 0.7);
        Variable t = x.tanh();
        t.add(t.scale(3)).sum().backward();

        for (int i = 0; i < 3; i++) {
            double th = Math.tanh(x.data().get(i));
            assertThat(x.grad().get(i)).isCloseTo(4 * (1 - th * th), within(1e-12));
        }
        // x ⊙ x: both operands are the same leaf, x̄ = 2x.
        Variable y = param(1.5, -2);
        y.mul(y).sum().backward();
        assertThat(y.grad().toDoubleArray()).containsExactly(3, -4);
    }

    @Test
    void deepChainsDoNotOverflowTheStack() throws Exception {
        int depth = 10_000;
        AtomicReference<Object> result = new AtomicReference<>();
        // A small stack: a recursive walk of 10,000 nodes would overflow it.
        Thread t = new Thread(null, () -> {
            try {
                Variable x = param(1.0);
                Variable v = x;
                for (int i = 0; i < depth; i++) {
                    v = v.scale(i % 2 == 0 ? 2.0 : 0.5).add(constant(0.0));
                }
                v.sum().backward();
                result.set(x.grad().get(0));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "deep-chain", 256 * 1024);
        t.start();
        t.join();

        assertThat(result.get()).isEqualTo(1.0);
    }

    @Test
    void inputsThatDoNotRequireGradGetNoGradientBuffer() {
        Variable x = param(1, 2);
        Variable c = constant(3, 4);
        Variable k = c.tanh();
        assertThat(k.requiresGrad()).isFalse();

        x.mul(c).add(k).sum().backward();

        assertThat(x.grad().toDoubleArray()).containsExactly(3, 4);
        assertThat(c.grad()).isNull();
        assertThat(k.grad()).isNull();
    }

    @Test
    void intermediateGradientsAreKeptForInspection() {
        // H = tanh G, L = Σ H: H̄ = 1, Ḡ = 1 − tanh²G.
        Variable g = param(0.5);
        Variable h = g.tanh();
        h.sum().backward();
        assertThat(h.grad().item()).isEqualTo(1.0);
        assertThat(g.grad().item()).isCloseTo(1 - Math.pow(Math.tanh(0.5), 2), within(1e-15));
        assertThat(h.op()).isEqualTo("tanh");
        assertThat(g.op()).isEqualTo("parameter");
    }

    @Test
    void backwardFromAScalarParameterAddsOneToWhatItHadAccumulated() {
        Variable p = Variable.parameter(Tensor.of(3.0));
        p.backward();
        p.backward();
        assertThat(p.grad().get(0)).isEqualTo(2.0);
        assertThat(p.item()).isEqualTo(3.0);
    }
}
