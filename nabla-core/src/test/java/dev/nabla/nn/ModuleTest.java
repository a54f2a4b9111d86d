package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModuleTest {
    private static Sequential mlp(SplittableRandom rng) {
        return new Sequential(new Linear(3, 4, rng), new Relu(), new Linear(4, 2, rng), new Tanh());
    }

    @Test
    void sequentialNamesParametersLikePyTorch() {
        Sequential net = mlp(new SplittableRandom(1));
        assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(net.children().keySet()).containsExactly("0", "1", "2", "3");
        assertThat(net.namedParameters().get("2.weight").data().shape()).containsExactly(2, 4);
        assertThat(net.namedParameters().get("0.bias").data().shape()).containsExactly(4);
        Linear first = (Linear) net.layers().get(0);
        assertThat(net.namedParameters().get("0.weight")).isSameAs(first.weight());
        assertThat(net.parameters()).containsExactlyElementsOf(net.namedParameters().values());
    }

    @Test
    void addBranchesAndNestedSequentialsGetDottedPaths() {
        SplittableRandom rng = new SplittableRandom(2);
        Sequential net = new Sequential(
                new Add(new Sequential(new Linear(3, 4, rng), new Relu()), new Linear(3, 4, false, Init.HE_NORMAL, rng)),
                new Relu(),
                new Linear(4, 1, rng));
        assertThat(net.namedParameters().keySet())
                .containsExactly("0.0.0.weight", "0.0.0.bias", "0.1.weight", "2.weight", "2.bias");

        Add skip = new Add(new Linear(2, 2, new SplittableRandom(3)), new Identity());
        assertThat(new Sequential(skip).namedParameters().keySet()).containsExactly("0.0.weight", "0.0.bias");
    }

    @Test
    void parameterCountSumsEveryParameter() {
        assertThat(mlp(new SplittableRandom(1)).parameterCount()).isEqualTo(3 * 4 + 4 + 4 * 2 + 2);
        assertThat(new Linear(10, 5, false, Init.ZEROS, new SplittableRandom(0)).parameterCount()).isEqualTo(50);
        assertThat(new Relu().parameterCount()).isZero();
    }

    @Test
    void summaryListsEachLayerWithOutputShapeAndParameterCount() {
        String summary = mlp(new SplittableRandom(1)).summary(3);
        List<String> lines = summary.lines().toList();

        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).contains("layer").contains("output shape").contains("parameters");
        assertThat(lines.get(1).split("\\s+")).containsSubsequence("0", "Linear(3", "4)", "(N,", "4)", "16");
        assertThat(lines.get(2).split("\\s+")).containsSubsequence("1", "Relu", "(N,", "4)", "0");
        assertThat(lines.get(3).split("\\s+")).containsSubsequence("2", "Linear(4", "2)", "(N,", "2)", "10");
        assertThat(lines.get(4).split("\\s+")).containsSubsequence("3", "Tanh", "(N,", "2)", "0");
        assertThat(lines.get(5)).isEqualTo("total parameters: 26");
        assertThat(lines.get(1)).contains("Linear(3 → 4)");

        String single = new Linear(7, 3, false, Init.ZEROS, new SplittableRandom(0)).summary(7);
        assertThat(single).contains("Linear(7 → 3, no bias)").contains("(N, 3)").contains("21")
                .contains("total parameters: 21");
        assertThat(new LeakyRelu(0.2).spec().describe(5)).isEqualTo("LeakyRelu(0.2)");
    }

    @Test
    void toF64ConvertsEveryParameterKeepingValues() {
        Sequential net = mlp(new SplittableRandom(4));
        double[] before = net.namedParameters().get("0.weight").data().toDoubleArray();
        Tensor x = Tensor.of(new float[][] {{1, -2, 0.5f}});
        double[] outF32 = net.forward(Variable.constant(x)).data().toDoubleArray();

        assertThat(net.to(DType.F64)).isSameAs(net);

        assertThat(net.parameters()).allMatch(p -> p.data().dtype() == DType.F64);
        assertThat(net.namedParameters().get("0.weight").data().toDoubleArray()).containsExactly(before);
        assertThat(((Linear) net.layers().get(0)).weight().data().dtype()).isEqualTo(DType.F64);
        double[] outF64 = net.forward(Variable.constant(x.to(DType.F64))).data().toDoubleArray();
        for (int i = 0; i < outF64.length; i++) {
            assertThat(outF64[i]).isCloseTo(outF32[i], within(1e-5));
        }
        assertThat(net.summary(3)).contains("total parameters: 26");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void fusedLinearActivationEqualsRunningTheLayersOneByOne(Activation f) {
        SplittableRandom rng = new SplittableRandom(5);
        Linear lin = new Linear(4, 3, rng);
        lin.to(DType.F64);
        // A non-zero bias, so that the fused bias add is exercised.
        Tensor b = lin.bias().data();
        for (int i = 0; i < b.size(); i++) {
            b.set(i, rng.nextDouble(-1, 1));
        }
        ActivationLayer act = new ActivationLayer(f, 0.1);
        assertThat(act.activation()).isEqualTo(f);
        Sequential fused = new Sequential(lin, act);
        Tensor xs = Tensor.zeros(DType.F64, 5, 4);
        for (int i = 0; i < xs.size(); i++) {
            xs.set(i, rng.nextDouble(-2, 2));
        }
        Tensor weights = Tensor.zeros(DType.F64, 5, 3);
        for (int i = 0; i < weights.size(); i++) {
            weights.set(i, rng.nextDouble(-1, 1));
        }
        Variable wConst = Variable.constant(weights);

        Variable x1 = Variable.parameter(xs.copy());
        Variable y1 = fused.forward(x1);
        y1.mul(wConst).sum().backward();
        double[] gw1 = lin.weight().grad().toDoubleArray();
        double[] gb1 = lin.bias().grad().toDoubleArray();
        lin.zeroGrad();

        Variable x2 = Variable.parameter(xs.copy());
        Variable y2 = act.forward(lin.forward(x2));
        y2.mul(wConst).sum().backward();

        assertThat(y1.op()).as("one fused node").isEqualTo("linear");
        assertThat(y2.op()).isEqualTo(f == Activation.IDENTITY ? "linear" : f.id());
        assertClose(y1.data().toDoubleArray(), y2.data().toDoubleArray());
        assertClose(x1.grad().toDoubleArray(), x2.grad().toDoubleArray());
        assertClose(gw1, lin.weight().grad().toDoubleArray());
        assertClose(gb1, lin.bias().grad().toDoubleArray());
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void addSumsItsBranches() {
        Linear w = new Linear(Tensor.of(DType.F64, new double[][] {{1, 2}, {3, 4}}), Tensor.of(0.5, -0.5));
        Add skip = new Add(w, new Identity());
        Tensor y = skip.forward(Variable.constant(Tensor.of(DType.F64, new double[][] {{1, 1}}))).data();
        assertThat(y.toDoubleArray()).containsExactly(1 + 2 + 0.5 + 1, 3 + 4 - 0.5 + 1);
        assertThatThrownBy(() -> new Add(new Relu())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trainAndEvalModeReachEveryDescendant() {
        Sequential net = new Sequential(new Add(new Relu(), new Identity()), new Tanh());
        assertThat(net.isTraining()).isTrue();
        net.train(false);
        assertThat(net.isTraining()).isFalse();
        assertThat(net.children().get("0").isTraining()).isFalse();
        assertThat(net.children().get("0").children().get("1").isTraining()).isFalse();
        net.train(true);
        assertThat(net.children().get("1").isTraining()).isTrue();
    }

    @Test
    void zeroGradZeroesEveryParameter() {
        Sequential net = mlp(new SplittableRandom(6));
        net.forward(Variable.constant(Tensor.of(new float[][] {{1, 2, 3}}))).sum().backward();
        assertThat(net.parameters()).allMatch(p -> p.grad() != null);
        net.zeroGrad();
        assertThat(net.parameters()).allMatch(p -> Math.abs(p.grad().toDoubleArray()[0]) == 0);
    }

    @Test
    void badLayerArgumentsAreRejected() {
        SplittableRandom rng = new SplittableRandom(0);
        assertThatThrownBy(() -> new Linear(0, 3, rng)).hasMessageContaining("in=0");
        assertThatThrownBy(() -> new Linear(Tensor.zeros(2, 3), Tensor.zeros(4))).hasMessageContaining("[2, 3]")
                .hasMessageContaining("[4]");
        assertThatThrownBy(() -> new LeakyRelu(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Linear(3, 2, rng).forward(Variable.constant(Tensor.zeros(5, 4))))
                .hasMessageContaining("[5, 4]").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> new Module() {
            {
                registerParameter("a.b", Variable.parameter(Tensor.zeros(1)));
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        }).hasMessageContaining("a.b");
    }

    @Test
    void linearRefusesABiasThatIsNotAVectorOfOutputSize() {
        Tensor w = Tensor.zeros(DType.F64, 2, 3);
        assertThatThrownBy(() -> new Linear(w, Tensor.zeros(DType.F64, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1]");
    }

    @Test
    void evalSwitchesEveryLayerOutOfTrainingMode() {
        var rng = new SplittableRandom(1);
        var net = new Sequential(new Linear(2, 2, rng), new Relu());
        net.eval();
        assertThat(net.isTraining()).isFalse();
        assertThat(net.layers()).allSatisfy(m -> assertThat(m.isTraining()).isFalse());
    }
}
