package dev.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** SGD with momentum and Nesterov momentum, two steps checked against arithmetic done by hand. */
class MomentumTest {
    private static final double[] THETA0 = {1.0, -2.0};
    private static final double[] GRAD = {0.5, 1.0};

    private static double tolerance(DType dtype) {
        return dtype == DType.F32 ? 1e-6 : 1e-12;
    }

    /** Two steps of {@code sgd} with the same gradient {@link #GRAD} each time; returns θ after each. */
    private static double[][] twoSteps(Variable theta, Sgd sgd) {
        double[][] after = new double[2][];
        for (int s = 0; s < 2; s++) {
            sgd.zeroGrad();
            theta.gradBuffer().set(0, GRAD[0]);
            theta.gradBuffer().set(1, GRAD[1]);
            sgd.step();
            after[s] = theta.data().toDoubleArray();
        }
        return after;
    }

    private static Variable theta(DType dtype) {
        return Variable.parameter(Tensor.of(THETA0).to(dtype));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void momentumAccumulatesTheVelocity(DType dtype) {
        Variable theta = theta(dtype);
        double[][] after = twoSteps(theta, new Sgd(List.of(theta), 0.1).momentum(0.9));
        // Step 1: v = g = (0.5, 1); θ = (1 − 0.1·0.5, −2 − 0.1·1) = (0.95, −2.1).
        assertThat(after[0]).containsExactly(new double[] {0.95, -2.1}, within(tolerance(dtype)));
        // Step 2: v = 0.9·(0.5, 1) + (0.5, 1) = (0.95, 1.9); θ = (0.95 − 0.095, −2.1 − 0.19) = (0.855, −2.29).
        assertThat(after[1]).containsExactly(new double[] {0.855, -2.29}, within(tolerance(dtype)));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void nesterovLooksAheadAlongTheVelocity(DType dtype) {
        Variable theta = theta(dtype);
        double[][] after = twoSteps(theta, new Sgd(List.of(theta), 0.1).momentum(0.9).nesterov(true));
        // Step 1: v = (0.5, 1); g + μv = (0.95, 1.9); θ = (1 − 0.095, −2 − 0.19) = (0.905, −2.19).
        assertThat(after[0]).containsExactly(new double[] {0.905, -2.19}, within(tolerance(dtype)));
        // Step 2: v = (0.95, 1.9); g + μv = (0.5 + 0.855, 1 + 1.71) = (1.355, 2.71);
        // θ = (0.905 − 0.1355, −2.19 − 0.271) = (0.7695, −2.461).
        assertThat(after[1]).containsExactly(new double[] {0.7695, -2.461}, within(tolerance(dtype)));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void weightDecayIsAddedToTheGradientBeforeTheVelocity(DType dtype) {
        Variable theta = theta(dtype);
        double[][] after = twoSteps(theta, new Sgd(List.of(theta), 0.1, 0.1).momentum(0.9));
        // Step 1: g = (0.5 + 0.1·1, 1 + 0.1·(−2)) = (0.6, 0.8) = v; θ = (0.94, −2.08).
        assertThat(after[0]).containsExactly(new double[] {0.94, -2.08}, within(tolerance(dtype)));
        // Step 2: g = (0.5 + 0.094, 1 − 0.208) = (0.594, 0.792); v = (0.54 + 0.594, 0.72 + 0.792) = (1.134, 1.512);
        // θ = (0.94 − 0.1134, −2.08 − 0.1512) = (0.8266, −2.2312).
        assertThat(after[1]).containsExactly(new double[] {0.8266, -2.2312}, within(tolerance(dtype)));
    }

    @Test
    void withoutMomentumTheConstructorsBehaveAsBefore() {
        Variable theta = theta(DType.F64);
        Sgd sgd = new Sgd(List.of(theta), 0.1);
        assertThat(sgd.momentum()).isZero();
        assertThat(sgd.nesterov()).isFalse();
        double[][] after = twoSteps(theta, sgd);
        // θ − 2·0.1·g = (1 − 0.1, −2 − 0.2)
        assertThat(after[1]).containsExactly(new double[] {0.9, -2.2}, within(1e-12));
    }

    @Test
    void aParameterWithoutGradientGetsNoVelocity() {
        Variable used = Variable.parameter(Tensor.of(1.0));
        Variable unused = Variable.parameter(Tensor.of(5.0));
        Sgd sgd = new Sgd(List.of(used, unused), 0.1).momentum(0.9);
        used.gradBuffer().set(0, 1.0);
        sgd.step();
        sgd.step();
        assertThat(unused.data().item()).isEqualTo(5.0);
        // v₁ = 1, v₂ = 1.9: θ = 1 − 0.1 − 0.19
        assertThat(used.data().item()).isCloseTo(0.71, within(1e-12));
    }

    @Test
    void rejectsNesterovWithoutMomentumAndNegativeMomentum() {
        List<Variable> params = List.of(Variable.parameter(Tensor.of(1.0)));
        assertThatThrownBy(() -> new Sgd(params, 0.1).nesterov(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nesterov");
        assertThatThrownBy(() -> new Sgd(params, 0.1).momentum(-0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> new Sgd(params, 0.1).momentum(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        Sgd nesterov = new Sgd(params, 0.1).momentum(0.9).nesterov(true);
        assertThatThrownBy(() -> nesterov.momentum(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(nesterov.momentum()).as("unchanged after the refusal").isEqualTo(0.9);
    }
}
