package dev.nabla.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.autograd.Formula;
import dev.nabla.autograd.GradCheckTableTest;
import dev.nabla.autograd.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MathTextTest {
    private static Map<String, MathText.Names> umons() {
        Map<String, MathText.Names> roles = new LinkedHashMap<>();
        roles.put("X", new MathText.Names("X", "X̄"));
        roles.put("W", new MathText.Names("U", "Ū"));
        roles.put("b", new MathText.Names("b", "b̄"));
        roles.put("A", new MathText.Names("G", "Ḡ"));
        roles.put("H", new MathText.Names("H", "H̄"));
        return roles;
    }

    @Test
    void rolesBecomeNamesInUnicodeAndLatex() {
        assertThat(MathText.render("A = X·Wᵀ + 1·bᵀ", umons(), null, false)).isEqualTo("G = X·Uᵀ + 1·bᵀ");
        assertThat(MathText.render("A = X·Wᵀ + 1·bᵀ", umons(), null, true))
                .isEqualTo("\\boldsymbol{G} = \\boldsymbol{X}\\,\\boldsymbol{U}^T + \\mathbf{1}\\,\\boldsymbol{b}^T");
        // The template's Ā is one precomposed character; it is still the gradient of role A.
        assertThat(MathText.render("Ā = H̄ ⊙ (1 − H²)", umons(), null, false)).isEqualTo("Ḡ = H̄ ⊙ (1 − H²)");
        assertThat(MathText.render("Ā = H̄ ⊙ 1(H > 0)", umons(), null, true))
                .isEqualTo("\\overline{\\boldsymbol{G}} = \\overline{\\boldsymbol{H}} \\odot \\mathbb{1}(\\boldsymbol{H} > 0)");
        assertThat(MathText.render("W̄ = Āᵀ·X", umons(), null, true))
                .isEqualTo("\\overline{\\boldsymbol{U}} = \\overline{\\boldsymbol{G}}^T\\,\\boldsymbol{X}");
    }

    @Test
    void aGradientKnownToBeOneIsLeftOutWithItsProductSign() {
        Map<String, MathText.Names> roles = Map.of("Z", new MathText.Names("z", "z̄"), "L", new MathText.Names("ε", "ε̄"),
                "T", new MathText.Names("y", "ȳ"));
        assertThat(MathText.render("Z̄ = L̄·(σ(Z) − T)/N", roles, "L", false)).isEqualTo("z̄ = (σ(z) − y)/N");
        assertThat(MathText.render("Z̄ = L̄·(σ(Z) − T)/N", roles, null, false)).isEqualTo("z̄ = ε̄·(σ(z) − y)/N");
        assertThat(MathText.render("L = (1/N)·Σ T", roles, null, true)).isEqualTo(
                "\\boldsymbol{\\varepsilon} = \\frac{1}{N}\\,\\sum \\boldsymbol{y}");
    }

    @Test
    void namesWithTheirOwnSuperscriptGetBracketsBeforeAPower() {
        Map<String, MathText.Names> roles = Map.of("H", new MathText.Names("x²", "x̄²"), "A", new MathText.Names("u²", "δ²"));
        assertThat(MathText.render("Ā = H̄ ⊙ (1 − H²)", roles, null, false)).isEqualTo("δ² = x̄² ⊙ (1 − (x²)²)");
        assertThat(MathText.render("Ā = H̄ ⊙ (1 − H²)", roles, null, true)).endsWith("(1 - {\\boldsymbol{x}^{2}}^2)");
    }

    @Test
    void symbolsInLatex() {
        assertThat(MathText.bar("A₁")).isEqualTo("Ā₁").hasSize(2);
        assertThat(MathText.latexSymbol("Ā₁")).isEqualTo("\\overline{\\boldsymbol{A}}_{1}");
        assertThat(MathText.latexSymbol("W_s")).isEqualTo("\\boldsymbol{W}_{s}");
        assertThat(MathText.latexSymbol("δ³")).isEqualTo("\\boldsymbol{\\delta}^{3}");
        assertThat(MathText.latexSymbol("W⁽¹⁾")).isEqualTo("\\boldsymbol{W}^{(1)}");
        assertThat(MathText.latexSymbol("Ŷ")).isEqualTo("\\hat{\\boldsymbol{Y}}");
        assertThat(MathText.width("Ḡ = H̄")).isEqualTo(5);
    }

    @Test
    void notesAreEscapedForLatexText() {
        assertThat(Latex.escape("u^l = W^l·x_0 & 50% #1 {a} $ ~ \\"))
                .isEqualTo("u\\textasciicircum{}l = W\\textasciicircum{}l·x\\_0 \\& 50\\% \\#1 \\{a\\} \\$ "
                        + "\\textasciitilde{} \\textbackslash{}");
        assertThat(Latex.aligned("\\boldsymbol{G} = \\boldsymbol{X}")).isEqualTo("\\boldsymbol{G} &= \\boldsymbol{X}");
    }

    /** Every formula of every op in the gradient-check table renders, all its roles named, LaTeX in plain ASCII. */
    @Test
    void everyTableOpsFormulaRendersWithEveryRoleNamed() {
        Set<String> seen = new HashSet<>();
        for (GradCheckTableTest.Case c : GradCheckTableTest.cases()) {
            Map<String, Variable> params = new LinkedHashMap<>();
            c.inputs().forEach((name, t) -> params.put(name, Variable.parameter(t.copy())));
            Variable out = c.op().apply(params);
            Formula f = out.formula();
            if (params.containsValue(out) || !seen.add(f.toString())) {
                continue;
            }
            Set<String> roles = new HashSet<>(List.of("T"));
            for (int i = 0; i < out.inputs().size(); i++) {
                roles.add(f.role(i));
            }
            f.forward().forEach(line -> roles.add(Formula.lhs(line)));
            Map<String, MathText.Names> names = new LinkedHashMap<>();
            int k = 1;
            for (String role : roles) {
                names.put(role, new MathText.Names("Q" + MathText.subscript(k), "Q̄" + MathText.subscript(k)));
                k++;
            }
            List<String> lines = new ArrayList<>(f.forward());
            lines.addAll(f.backward());
            for (String line : lines) {
                String text = MathText.render(line, names, null, false);
                assertThat(MathText.tokens(text)).as("%s: %s", f.op(), text)
                        .noneMatch(t -> t.kind() == MathText.Kind.SYMBOL && roles.contains(t.base()));
                assertThat(MathText.render(line, names, null, true)).as("%s in LaTeX", line).matches("[\\x20-\\x7e]+");
            }
        }
        assertThat(seen).hasSizeGreaterThan(15);
    }
}
