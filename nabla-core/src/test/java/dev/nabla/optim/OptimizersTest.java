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
    @CsvSource({"sgd, 0.1", "momentum, 0.05", "nesterov, 0.05", "adam, 0.1", "adamw, 0.1", "rmsprop, 0.03",
            "adagrad, 0.5", "lbfgs, 1"})
    void eachOptimiserLowersAQuadraticLoss(String name, double learningRate) {
        Variable theta = Variable.parameter(Tensor.of(0.0f, 0.0f, 0.0f));
        Variable c = Variable.constant(Tensor.of(3.0f, -1.0f, 0.5f));
        Optimizer optimizer = Optimizers.config(name, learningRate, 0.0).create(List.of(theta));
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 200; step++) {
            double loss = optimizer.step(() -> {
                optimizer.zeroGrad();
                return quadraticLoss(theta, c);
            });
            last = loss;
            if (step == 0) {
                first = last;
            }
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
        assertThatThrownBy(() -> Optimizers.create("adamax", ps, 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adamax")
                .hasMessageContaining("sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad, lbfgs");
        assertThatThrownBy(() -> Optimizers.defaultLearningRate("lbfgs2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adam");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("names")
    void weightDecayReachesEveryOptimiser(String name) {
        Variable theta = Variable.parameter(Tensor.of(2.0, -4.0));
        Optimizer o = Optimizers.config(name, null, 0.5).create(List.of(theta));
        o.step(() -> {
            theta.zeroGrad();
            theta.gradBuffer();
            return 0;
        });
        assertThat(theta.data().get(0)).as("a zero gradient plus decay shrinks θ: " + name).isLessThan(2.0);
        assertThat(theta.data().get(1)).isGreaterThan(-4.0);
    }

    static List<String> names() {
        return List.of(Optimizers.names().split(", "));
    }

    @Test
    void aConfigRefusesBadValuesBeforeAnyParameterExists() {
        assertThatThrownBy(() -> Optimizers.config("adam", -1.0, 0.0)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> Optimizers.config("adam", null, -0.1)).hasMessageContaining("weight decay");
        assertThatThrownBy(() -> Optimizers.config("bogus", 0.1, 0.0)).hasMessageContaining("bogus");
        assertThat(Optimizers.config(" Adam ", null, 0.0)).isEqualTo(new OptimizerConfig("adam", 1e-3, 0));
        assertThat(Optimizers.config("sgd", 0.2, 0.01).describe()).isEqualTo("sgd, learning rate 0.2, weight decay 0.01");
        assertThat(Optimizers.config("rmsprop:momentum=0.9", 0.01, 1e-4).describe())
                .isEqualTo("rmsprop, learning rate 0.01, weight decay 1.0E-4, momentum 0.9");
    }

    @Test
    void theRmsPropOfTheIssueGetsItsRateAndDecay() {
        // Issue 8: "--optimizer rmsprop --lr 0.01 --weight-decay 1e-4 trains Adam without a word".
        Optimizer o = Optimizers.config("rmsprop", 0.01, 1e-4).create(List.of(Variable.parameter(Tensor.of(1.0))));
        assertThat(o).isInstanceOfSatisfying(RmsProp.class, r -> {
            assertThat(r.learningRate()).isEqualTo(0.01);
            assertThat(r.weightDecay()).isEqualTo(1e-4);
            assertThat(r.alpha()).isEqualTo(0.99);
            assertThat(r.eps()).isEqualTo(1e-8);
            assertThat(r.momentum()).isZero();
            assertThat(r.centered()).isFalse();
        });
    }

    @Test
    void adamwDecaysBy1eMinus2UnlessTheDecayIsGiven() {
        List<Variable> ps = List.of(Variable.parameter(Tensor.of(1.0)));
        assertThat(Optimizers.config("adamw", null, null).weightDecay()).isEqualTo(1e-2);
        assertThat(Optimizers.config("adamw", null, 0.0).weightDecay()).isZero();
        assertThat(Optimizers.config("adam", null, null).weightDecay()).isZero();
        assertThat(Optimizers.create("adamw", ps, 1e-3)).isInstanceOfSatisfying(AdamW.class,
                a -> assertThat(a.weightDecay()).isEqualTo(1e-2));
    }

    @Test
    void optionsFollowTheNameInOrderOrByKey() {
        List<Variable> ps = List.of(Variable.parameter(Tensor.of(1.0)));
        assertThat(Optimizers.config("rmsprop:0.9,1e-6", null, null).create(ps)).isInstanceOfSatisfying(RmsProp.class,
                r -> {
                    assertThat(r.alpha()).isEqualTo(0.9);
                    assertThat(r.eps()).isEqualTo(1e-6);
                });
        assertThat(Optimizers.config("LBFGS:max_iter=7, history_size=5,line_search=false", null, null).create(ps))
                .isInstanceOfSatisfying(Lbfgs.class, l -> {
                    assertThat(l.maxIter()).isEqualTo(7);
                    assertThat(l.historySize()).isEqualTo(5);
                    assertThat(l.maxEval()).isEqualTo(8);
                    assertThat(l.lineSearch()).isFalse();
                    assertThat(l.fullBatch()).isTrue();
                });
        assertThatThrownBy(() -> Optimizers.config("adam:momentum=0.9", null, null))
                .hasMessageContaining("unknown argument 'momentum'").hasMessageContaining("beta1, beta2, eps");
        assertThatThrownBy(() -> Optimizers.config("rmsprop:momentum=-1", null, null)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> Optimizers.config("rmsprop:centered=2", null, null)).hasMessageContaining("centered");
        assertThatThrownBy(() -> Optimizers.config("lbfgs:history_size=2.5", null, null))
                .hasMessageContaining("history_size must be a whole number");
        assertThatThrownBy(() -> Optimizers.config("sgd:0.9", null, null)).hasMessageContaining("takes none");
        assertThatThrownBy(() -> Optimizers.config("adam:eps=x", null, null)).hasMessageContaining("eps must be a number");
    }
}
