package dev.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptimizersTest {

    /** L(θ) = Σ (θ − c)² with c = (3, −1, 0.5), minimal (zero) at θ = c. */
    private static double quadraticLoss(Variable theta, Variable c) {
        Variable diff = theta.sub(c);
        Variable loss = diff.mul(diff).sum();
        loss.backward();
        return loss.item();
    }

    @ParameterizedTest
    @CsvSource({"sgd, 0.1", "momentum, 0.05", "nesterov, 0.05", "adam, 0.1"})
    void eachOptimiserLowersAQuadraticLoss(String name, double learningRate) {
        Variable theta = Variable.parameter(Tensor.of(0.0f, 0.0f, 0.0f));
        Variable c = Variable.constant(Tensor.of(3.0f, -1.0f, 0.5f));
        Optimizer optimizer = Optimizers.create(name, List.of(theta), learningRate);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 200; step++) {
            optimizer.zeroGrad();
            last = quadraticLoss(theta, c);
            if (step == 0) {
                first = last;
            }
            optimizer.step();
        }
        // L(0) = 9 + 1 + 0.25
        assertThat(first).isEqualTo(10.25);
        assertThat(last).as(name).isLessThan(1e-3 * first);
    }

    @Test
    void namesPickTheRightSettingsCaseInsensitively() {
        List<Variable> ps = List.of(Variable.parameter(Tensor.of(1.0)));
        assertThat(Optimizers.create("SGD", ps, 0.1)).isInstanceOfSatisfying(Sgd.class,
                s -> assertThat(s.momentum()).isZero());
        assertThat(Optimizers.create("Momentum", ps, 0.1)).isInstanceOfSatisfying(Sgd.class, s -> {
            assertThat(s.momentum()).isEqualTo(0.9);
            assertThat(s.nesterov()).isFalse();
        });
        assertThat(Optimizers.create("nesterov", ps, 0.2)).isInstanceOfSatisfying(Sgd.class, s -> {
            assertThat(s.momentum()).isEqualTo(0.9);
            assertThat(s.nesterov()).isTrue();
            assertThat(s.learningRate()).isEqualTo(0.2);
        });
        assertThat(Optimizers.create("ADAM", ps, 0.01)).isInstanceOf(Adam.class);
    }

    @Test
    void defaultLearningRatesAreSmallerWithMomentum() {
        assertThat(Optimizers.defaultLearningRate("sgd")).isEqualTo(0.1);
        assertThat(Optimizers.defaultLearningRate("momentum")).isLessThan(Optimizers.defaultLearningRate("sgd"));
        assertThat(Optimizers.defaultLearningRate("Nesterov")).isEqualTo(Optimizers.defaultLearningRate("momentum"));
        assertThat(Optimizers.defaultLearningRate("adam")).isEqualTo(1e-3);
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        List<Variable> ps = List.of(Variable.parameter(Tensor.of(1.0)));
        assertThatThrownBy(() -> Optimizers.create("rmsprop", ps, 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rmsprop").hasMessageContaining("sgd, momentum, nesterov, adam");
        assertThatThrownBy(() -> Optimizers.defaultLearningRate("lbfgs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adam");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("names")
    void weightDecayReachesEveryOptimiser(String name) {
        Variable theta = Variable.parameter(Tensor.of(2.0, -4.0));
        Optimizer o = Optimizers.config(name, null, 0.5).create(List.of(theta));
        theta.gradBuffer();
        o.step();
        assertThat(theta.data().get(0)).as("a zero gradient plus decay shrinks θ: " + name).isLessThan(2.0);
        assertThat(theta.data().get(1)).isGreaterThan(-4.0);
    }

    static List<String> names() {
        return List.of(Optimizers.names().split(", "));
    }

    @Test
    void aConfigRefusesBadValuesBeforeAnyParameterExists() {
        assertThatThrownBy(() -> Optimizers.config("adam", -1.0, 0)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> Optimizers.config("adam", null, -0.1)).hasMessageContaining("weight decay");
        assertThatThrownBy(() -> Optimizers.config("bogus", 0.1, 0)).hasMessageContaining("bogus");
        assertThat(Optimizers.config(" Adam ", null, 0)).isEqualTo(new OptimizerConfig("adam", 1e-3, 0));
        assertThat(Optimizers.config("sgd", 0.2, 0.01).describe()).isEqualTo("sgd, learning rate 0.2, weight decay 0.01");
    }
}
