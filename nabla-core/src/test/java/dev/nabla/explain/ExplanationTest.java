package dev.nabla.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.nn.Add;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExplanationTest {
    static final Notation UMONS = new Notation("UMONS", Map.of("W₁", "U", "b₁", "b", "A₁", "G", "H₁", "H", "W₂", "W",
            "b₂", "c", "A₂", "z", "L", "ε", "T", "y"), Map.of("b̄₂", "not zᵀ1"));

    static Sequential umons() {
        return new Sequential(new Linear(2, 3, new SplittableRandom(3)), new Tanh(), new Linear(3, 1, new SplittableRandom(4)));
    }

    static Batch rows(int n, int features, SplittableRandom rng) {
        double[][] x = new double[n][features];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                x[i][j] = rng.nextDouble(-2, 2);
            }
            y[i] = i % 2;
        }
        return Batch.of(Tensor.of(DType.F64, x), Tensor.wrap(y, n, 1));
    }

    private static List<String> texts(Explanation e, Equation.Section s) {
        return e.section(s).stream().map(Equation::text).toList();
    }

    @Test
    void theUmonsNetworkReadsInTheSeedsNotationWithBackwardInTheOrderItRuns() {
        Explanation e = Explanation.of(umons(), 2, Objective.BINARY_CROSS_ENTROPY, rows(5, 2, new SplittableRandom(1)), UMONS);

        assertThat(texts(e, Equation.Section.FORWARD)).containsExactly("G = X·Uᵀ + 1·bᵀ", "H = tanh(G)", "z = H·Wᵀ + 1·cᵀ");
        assertThat(texts(e, Equation.Section.LOSS))
                .containsExactly("ε = (1/N)·Σ y ⊙ log(1 + e^{−z}) + (1 − y) ⊙ log(1 + e^{z})");
        assertThat(texts(e, Equation.Section.BACKWARD)).containsExactly("ε̄ = 1", "z̄ = (σ(z) − y)/N", "W̄ = z̄ᵀ·H",
                "c̄ = z̄ᵀ·1", "H̄ = z̄·W", "Ḡ = H̄ ⊙ (1 − H²)", "Ū = Ḡᵀ·X", "b̄ = Ḡᵀ·1");
        assertThat(e.section(Equation.Section.BACKWARD)).extracting(q -> q.lhs().shape())
                .containsExactly("1×1", "N×1", "1×3", "1", "N×3", "N×3", "3×2", "3");
        assertThat(e.parameters()).extracting(Term::symbol, Term::stateName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("U", "0.weight"), org.assertj.core.groups.Tuple.tuple("b", "0.bias"),
                        org.assertj.core.groups.Tuple.tuple("W", "2.weight"), org.assertj.core.groups.Tuple.tuple("c", "2.bias"));
        List<Equation> forward = e.section(Equation.Section.FORWARD);
        assertThat(forward.get(0).node()).as("G and H: one fused node").isEqualTo(forward.get(1).node());
        assertThat(forward.get(2).node()).isNotEqualTo(forward.get(1).node());
        assertThat(e.section(Equation.Section.BACKWARD).get(3).note()).isEqualTo("not zᵀ1");
        assertThat(e.network()).isEqualTo("2 → Linear(2 → 3) → Tanh → Linear(3 → 1)");
    }

    @Test
    void valuesObeyTheirOwnEquations() {
        Explanation e = Explanation.of(umons(), 2, Objective.BINARY_CROSS_ENTROPY, rows(4, 2, new SplittableRandom(2)), UMONS);
        Tensor g = e.term("G").value();
        Tensor h = e.term("H").value();
        Tensor hBar = e.term("H").grad();
        Tensor gBar = e.term("G").grad();
        assertThat(g).as("the fused pre-activation is kept by the unfused pass").isNotNull();
        for (int i = 0; i < g.size(); i++) {
            assertThat(h.get(i)).isCloseTo(Math.tanh(g.get(i)), within(1e-15));
            assertThat(gBar.get(i)).isCloseTo(hBar.get(i) * (1 - h.get(i) * h.get(i)), within(1e-15));
        }
        Tensor zBar = e.term("z").grad();
        double sum = 0;
        for (int i = 0; i < zBar.size(); i++) {
            sum += zBar.get(i);
        }
        assertThat(e.term("c").grad().item()).as("c̄ = z̄ᵀ1").isCloseTo(sum, within(1e-15));
        assertThat(e.term("ε").grad().item()).isEqualTo(1.0);
    }

    @Test
    void theUnfusedPassComputesWhatTheFusedOneDoes() {
        Sequential net = umons();
        net.to(DType.F64);
        Variable x = Variable.constant(rows(6, 2, new SplittableRandom(5)).features());
        Tensor fused = net.forward(x).data().copy();
        Tensor unfused;
        Variable w = net.namedParameters().get("0.weight");
        try (var scope = Functional.unfused()) {
            unfused = net.forward(x).data();
            Variable h = Functional.linear(x, w, null, Activation.TANH, 0);
            assertThat(h.op()).as("the activation, a node of its own").isEqualTo("tanh");
            assertThat(h.inputs().get(0).op()).isEqualTo("linear");
        }
        for (int i = 0; i < fused.size(); i++) {
            assertThat(unfused.get(i)).isCloseTo(fused.get(i), within(1e-15));
        }
        assertThat(Functional.linear(x, w, null, Activation.TANH, 0).op())
                .as("fused again once the scope is closed").isEqualTo("linear");
    }

    @Test
    void aValueReadTwiceGetsItsGradientInTwoSharesTheSecondAdded() {
        SplittableRandom rng = new SplittableRandom(6);
        Module net = new Sequential(new Linear(2, 3, rng), new Tanh(), new Add(new Linear(3, 2, rng), new Linear(3, 2, rng)));
        Explanation e = Explanation.of(net, 2, Objective.SOFTMAX_CROSS_ENTROPY,
                Batch.of(rows(4, 2, rng).features(), Tensor.of(0.0, 1.0, 1.0, 0.0)), Notation.DEFAULT);

        assertThat(texts(e, Equation.Section.FORWARD)).containsExactly("A₁ = X·W₁ᵀ + 1·b₁ᵀ", "H₁ = tanh(A₁)",
                "A₂ = H₁·W₂ᵀ + 1·b₂ᵀ", "A₃ = H₁·W₃ᵀ + 1·b₃ᵀ", "S₃ = A₂ + A₃");
        List<String> backward = texts(e, Equation.Section.BACKWARD);
        // backward() reaches the second branch first (its depth-first order), and adds the first branch's share after.
        assertThat(backward).containsSubsequence("H̄₁ = Ā₃·W₃", "H̄₁ += Ā₂·W₂", "Ā₁ = H̄₁ ⊙ (1 − H₁²)");
        assertThat(backward).filteredOn(t -> t.startsWith("H̄₁")).hasSize(2);
        assertThat(e.section(Equation.Section.BACKWARD)).filteredOn(q -> q.text().startsWith("H̄₁ +="))
                .singleElement().satisfies(q -> assertThat(Latex.aligned(q.latex())).startsWith(
                        "\\overline{\\boldsymbol{H}}_{1} &\\mathrel{+}= \\overline{\\boldsymbol{A}}_{2}"));
        assertThat(e.term("T").value().rows()).as("labels shown one-hot, as the loss reads them").isEqualTo(4);
        assertThat(e.term("T").value().cols()).isEqualTo(2);
    }

    @Test
    void defaultNamesCountLayersAndTheStateDictNamesEveryParameter() {
        Module net = ModelSpec.mlp(4, "5:relu,3:sigmoid", 2).build(new SplittableRandom(7));
        Explanation e = Explanation.of(net, 4, Objective.SOFTMAX_CROSS_ENTROPY,
                Batch.of(rows(3, 4, new SplittableRandom(8)).features(), Tensor.of(0.0, 1.0, 1.0)), Notation.DEFAULT);
        assertThat(e.parameters()).extracting(Term::symbol).containsExactly("W₁", "b₁", "W₂", "b₂", "W₃", "b₃");
        assertThat(e.parameters()).extracting(Term::stateName).containsExactlyElementsOf(net.namedParameters().keySet());
        assertThat(texts(e, Equation.Section.BACKWARD)).contains("Ā₁ = H̄₁ ⊙ 1(H₁ > 0)", "Ā₂ = H̄₂ ⊙ H₂ ⊙ (1 − H₂)");
        assertThat(texts(e, Equation.Section.BACKWARD)).noneMatch(t -> t.startsWith("X̄"));
    }

    @Test
    void aNotationNamingWhatTheNetworkLacksIsRefusedNamingTheSymbol() {
        Batch batch = rows(3, 2, new SplittableRandom(9));
        assertThatThrownBy(() -> Explanation.of(umons(), 2, Objective.BINARY_CROSS_ENTROPY, batch,
                new Notation("", Map.of("W₇", "V"), Map.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("W₇");
        assertThatThrownBy(() -> Explanation.of(umons(), 2, Objective.BINARY_CROSS_ENTROPY, batch,
                new Notation("", Map.of(), Map.of("Q̄", "a note")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Q̄");
    }

    @Test
    void anOpWithoutAFormulaCannotBeExplained() {
        Module custom = new Module() {
            @Override
            public Variable forward(Variable x) {
                Variable w = Variable.parameter(Tensor.full(DType.F64, 2, 1, 1));
                return Variable.fromOp("double", x.data(), g -> { }, x, w);
            }
        };
        assertThatThrownBy(() -> Explanation.of(custom, 1, Objective.MSE,
                Batch.of(Tensor.of(DType.F64, new double[][] {{1}}), Tensor.wrap(new double[] {1}, 1, 1)), Notation.DEFAULT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'double'");
    }
}
