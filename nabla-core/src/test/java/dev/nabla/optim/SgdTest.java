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
import org.junit.jupiter.params.provider.ValueSource;

class SgdTest {
    /** Gives p the gradient g by backpropagating Σ p ⊙ g. */
    private static void setGrad(Variable p, double... g) {
        p.mul(Variable.constant(Tensor.of(g).to(p.data().dtype()).reshape(p.data().shape()))).sum().backward();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void oneStepIsWMinusLearningRateTimesGradientPlusDecay(DType dtype) {
        double[] w0 = {1.0, -2.0, 0.5, 3.0};
        double[] g = {0.1, 0.4, -1.0, 2.0};
        Variable w = Variable.parameter(Tensor.of(w0).to(dtype).reshape(2, 2));
        Variable b = Variable.parameter(Tensor.of(0.25, -0.75).to(dtype));
        setGrad(w, g);
        setGrad(b, 1.0, -1.0);
        double eta = 0.1;
        double lambda = 0.01;

        new Sgd(List.of(w, b), eta, lambda).step();

        double tol = dtype == DType.F32 ? 1e-6 : 1e-15;
        for (int i = 0; i < 4; i++) {
            assertThat(w.data().get(i)).isCloseTo(w0[i] - eta * (g[i] + lambda * w0[i]), within(tol));
        }
        assertThat(b.data().get(0)).isCloseTo(0.25 - eta * (1.0 + lambda * 0.25), within(tol));
        assertThat(b.data().get(1)).isCloseTo(-0.75 - eta * (-1.0 + lambda * -0.75), within(tol));
        assertThat(w.grad().toDoubleArray()).as("step leaves the gradient").containsExactly(
                Tensor.of(g).to(dtype).toDoubleArray());
    }

    @Test
    void withoutWeightDecayTheStepIsPlainGradientDescent() {
        Variable w = Variable.parameter(Tensor.of(1.0, 2.0));
        setGrad(w, 3.0, -4.0);
        Sgd sgd = new Sgd(List.of(w), 0.5);
        assertThat(sgd.weightDecay()).isZero();
        assertThat(sgd.learningRate()).isEqualTo(0.5);

        sgd.step();
        assertThat(w.data().toDoubleArray()).containsExactly(-0.5, 4.0);
        sgd.step();
        assertThat(w.data().toDoubleArray()).as("same gradient again").containsExactly(-2.0, 6.0);
        sgd.zeroGrad();
        assertThat(w.grad().toDoubleArray()).containsExactly(0, 0);
        sgd.step();
        assertThat(w.data().toDoubleArray()).containsExactly(-2.0, 6.0);
    }

    @Test
    void parametersWithoutAGradientYetAreLeftAlone() {
        Variable used = Variable.parameter(Tensor.of(1.0));
        Variable unused = Variable.parameter(Tensor.of(5.0));
        setGrad(used, 2.0);
        new Sgd(List.of(used, unused), 0.1, 0.5).step();
        assertThat(unused.grad()).isNull();
        assertThat(unused.data().item()).as("not even decayed").isEqualTo(5.0);
        assertThat(used.data().item()).isCloseTo(1 - 0.1 * (2 + 0.5), within(1e-15));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsALearningRateThatIsNotPositive(double lr) {
        List<Variable> params = List.of(Variable.parameter(Tensor.of(1.0)));
        assertThatThrownBy(() -> new Sgd(params, lr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning rate").hasMessageContaining(String.valueOf(lr));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsABadWeightDecay(double decay) {
        List<Variable> params = List.of(Variable.parameter(Tensor.of(1.0)));
        assertThatThrownBy(() -> new Sgd(params, 0.1, decay)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight decay");
    }

    @Test
    void needsParametersThatRequireGradients() {
        assertThatThrownBy(() -> new Sgd(List.of(), 0.1)).hasMessageContaining("Sgd");
        assertThatThrownBy(() -> new Sgd(List.of(Variable.constant(Tensor.of(1.0))), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        Variable p = Variable.parameter(Tensor.of(1.0));
        java.util.ArrayList<Variable> list = new java.util.ArrayList<>(List.of(p));
        Sgd sgd = new Sgd(list, 0.1);
        list.clear();
        assertThat(sgd.parameters()).as("a copy of the list").containsExactly(p);
    }

    @Test
    void aParameterListedTwiceIsRejected() {
        Variable p = Variable.parameter(Tensor.of(1.0));
        assertThatThrownBy(() -> new Sgd(List.of(p, p), 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void theLearningRateCanBeChangedBetweenSteps() {
        Variable p = Variable.parameter(Tensor.of(1.0));
        Sgd sgd = new Sgd(List.of(p), 0.1);
        p.gradBuffer().set(0, 1.0);
        sgd.step();
        sgd.learningRate(0.5);
        sgd.step();
        assertThat(p.data().get(0)).isCloseTo(1.0 - 0.1 - 0.5, within(1e-15));
        assertThatThrownBy(() -> sgd.learningRate(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
