package dev.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AdamTest {

    private static void setGrad(Variable p, double... g) {
        for (int i = 0; i < g.length; i++) {
            p.gradBuffer().set(i, g[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void twoStepsMatchTheBiasCorrectedRule(DType dtype) {
        Variable theta = Variable.parameter(Tensor.of(1.0, -2.0).to(dtype));
        Adam adam = new Adam(List.of(theta), 0.1);
        double tol = dtype == DType.F32 ? 1e-6 : 1e-12;

        setGrad(theta, 0.5, 1.0);
        adam.step();
        // m = 0.1·g, v = 0.001·g²; m̂ = m/(1 − 0.9) = g, v̂ = v/(1 − 0.999) = g²: the first step is η·g/(|g| + ε).
        double t0 = 1.0 - 0.1 * 0.5 / (0.5 + 1e-8);
        double t1 = -2.0 - 0.1 * 1.0 / (1.0 + 1e-8);
        assertThat(theta.data().toDoubleArray()).containsExactly(new double[] {t0, t1}, within(tol));

        setGrad(theta, -0.25, 2.0);
        adam.step();
        // m = 0.9·(0.05, 0.1) + 0.1·(−0.25, 2) = (0.02, 0.29)
        // v = 0.999·(0.00025, 0.001) + 0.001·(0.0625, 4) = (0.00031225, 0.004999)
        // bias corrections 1 − 0.9² = 0.19 and 1 − 0.999² = 0.001999
        t0 -= 0.1 * (0.02 / 0.19) / (Math.sqrt(0.00031225 / 0.001999) + 1e-8);
        t1 -= 0.1 * (0.29 / 0.19) / (Math.sqrt(0.004999 / 0.001999) + 1e-8);
        assertThat(theta.data().toDoubleArray()).containsExactly(new double[] {t0, t1}, within(tol));
    }

    @Test
    void epsIsAddedOutsideTheSquareRoot() {
        // With g = 1e-4 and ε = 1e-4 the first step is η·g/(|g| + ε) = η/2; ε inside the root would give ≈ η·0.0099.
        Variable theta = Variable.parameter(Tensor.of(0.0));
        Adam adam = new Adam(List.of(theta), 1.0).eps(1e-4);
        setGrad(theta, 1e-4);
        adam.step();
        assertThat(theta.data().item()).isCloseTo(-0.5, within(1e-9));
    }

    @Test
    void weightDecayActsAsAnL2TermInTheGradient() {
        // Adam with decay λ on gradient g must move exactly as Adam without decay on gradient g + λθ.
        Variable decayed = Variable.parameter(Tensor.of(1.5, -0.5));
        Variable manual = Variable.parameter(Tensor.of(1.5, -0.5));
        Adam withDecay = new Adam(List.of(decayed), 0.1).weightDecay(0.3);
        Adam without = new Adam(List.of(manual), 0.1);
        double[][] grads = {{0.2, -0.1}, {0.4, 0.3}, {-0.6, 0.05}};
        for (double[] g : grads) {
            setGrad(decayed, g);
            setGrad(manual, g[0] + 0.3 * manual.data().get(0), g[1] + 0.3 * manual.data().get(1));
            withDecay.step();
            without.step();
            assertThat(decayed.data().toDoubleArray()).containsExactly(manual.data().toDoubleArray(), within(1e-15));
        }
        assertThat(decayed.data().get(0)).as("it moved").isNotEqualTo(1.5);
    }

    @Test
    void defaultsArePyTorchs() {
        Adam adam = new Adam(List.of(Variable.parameter(Tensor.of(1.0))));
        assertThat(adam.learningRate()).isEqualTo(1e-3);
        assertThat(adam.beta1()).isEqualTo(0.9);
        assertThat(adam.beta2()).isEqualTo(0.999);
        assertThat(adam.eps()).isEqualTo(1e-8);
        assertThat(adam.weightDecay()).isZero();
    }

    @Test
    void eachParameterCountsItsOwnSteps() {
        // A parameter that had no gradient on the first step takes its first bias-corrected step later: η·sign(g).
        Variable early = Variable.parameter(Tensor.of(0.0));
        Variable late = Variable.parameter(Tensor.of(0.0));
        Adam adam = new Adam(List.of(early, late), 0.1);
        setGrad(early, 1.0);
        adam.step();
        setGrad(late, 3.0);
        adam.step();
        assertThat(late.data().item()).isCloseTo(-0.1 * 3.0 / (3.0 + 1e-8), within(1e-12));
    }

    @Test
    void rejectsBadSettings() {
        Adam adam = new Adam(List.of(Variable.parameter(Tensor.of(1.0))));
        assertThatThrownBy(() -> adam.betas(1.0, 0.999)).hasMessageContaining("beta1");
        assertThatThrownBy(() -> adam.betas(0.9, -0.1)).hasMessageContaining("beta2");
        assertThatThrownBy(() -> adam.eps(0)).hasMessageContaining("eps");
        assertThatThrownBy(() -> adam.weightDecay(-1)).hasMessageContaining("weight decay");
        assertThatThrownBy(() -> adam.learningRate(-1e-3)).hasMessageContaining("learning rate");
    }
}
