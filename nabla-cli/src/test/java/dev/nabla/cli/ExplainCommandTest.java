package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    private static final String UMONS = Path.of("..", "examples", "specs", "umons.json").toString();

    @TempDir
    Path dir;

    @Test
    void explainsTheDefaultTanhNetworkInTextWithShapesAndTheBackwardOrder() {
        Cli r = Cli.run("explain");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("A₁ = X·W₁ᵀ + 1·b₁ᵀ", "H₁ = tanh(A₁)", "Ā₁ = H̄₁ ⊙ (1 − H₁²)", "W₁  0.weight  3×2  6",
                "binary_cross_entropy", "┐ one fused op");
        assertThat(r.out().indexOf("W̄₂ = Ā₂ᵀ·H₁")).isLessThan(r.out().indexOf("W̄₁ = Ā₁ᵀ·X"));
    }

    @Test
    void writesLatexMarkdownAndBothKindsOfGraph() throws Exception {
        Path svg = dir.resolve("g.svg");
        Path dot = dir.resolve("g.dot");
        Path md = dir.resolve("e.md");
        assertThat(Cli.run("explain", "--model-spec", UMONS, "--format", "markdown", "--out", md.toString(), "--graph",
                svg.toString()).code()).isZero();
        assertThat(Files.readString(md)).contains("![The computational graph of one forward pass](g.svg)", "\\odot");
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("0.weight", "2.bias");
        assertThat(Cli.run("explain", "--model-spec", UMONS, "--graph", dot.toString()).code()).isZero();
        assertThat(Files.readString(dot)).contains("digraph", "0.weight");
        Cli latex = Cli.run("explain", "--model-spec", UMONS, "--format", "latex");
        assertThat(latex.out()).contains("\\begin{align*}", "\\overline{\\boldsymbol{A}}_{1} &= ");
    }

    @Test
    void valuesOfGivenRows() {
        Cli r = Cli.run("explain", "--layers", "2:relu", "--values", "--x", "1,2; -1,0.5; 0,0", "--y", "1;0;1");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("N = 3", "      [   1   2 ]", "      [  -1 0.5 ]");
        Cli classes = Cli.run("explain", "--layers", "2:relu", "--outputs", "3", "--values", "--x", "1,2; -1,0.5",
                "--y", "2; 0");
        assertThat(classes.out()).as(classes.toString()).contains("softmax_cross_entropy", "      [ 0 0 1 ]");
    }

    @Test
    void trainedModelsAreExplainedWithTheirOwnLoss() {
        Path model = dir.resolve("iris.safetensors");
        assertThat(Cli.run("train", "--data", "iris", "--layers", "4:tanh", "--epochs", "1", "--out", model.toString())
                .code()).isZero();
        Cli r = Cli.run("explain", "--model", model.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("softmax_cross_entropy", "4 → Linear(4 → 4) → Tanh → Linear(4 → 3)",
                "L = −(1/N)·Σ T ⊙ log softmax(A₂)");
    }

    @Test
    void badInputNamesTheOptionAndExitsTwo() throws Exception {
        Path notation = Files.writeString(dir.resolve("n.json"), "{\"symbols\": {\"W₉\": \"V\"}}");
        Object[][] cases = {
            {new String[] {"explain", "--graph", dir.resolve("g.png").toString()}, "--graph"},
            {new String[] {"explain", "--x", "1,2"}, "--x and --y"},
            {new String[] {"explain", "--x", "1,a", "--y", "1"}, "'a'"},
            {new String[] {"explain", "--x", "1,2,3", "--y", "1"}, "row 1 has 3 numbers, expected 2"},
            {new String[] {"explain", "--outputs", "3", "--x", "1,2", "--y", "5"}, "class label 0..2"},
            {new String[] {"explain", "--loss", "cross_entropy"}, "needs at least two --outputs"},
            {new String[] {"explain", "--format", "pdf"}, "--format"},
            {new String[] {"explain", "--notation", notation.toString()}, "W₉"},
            {new String[] {"explain", "--notation", dir.resolve("missing.json").toString()}, "no such file"},
        };
        for (Object[] c : cases) {
            Cli r = Cli.run((String[]) c[0]);
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString()).contains((String) c[1]).doesNotContain("Exception");
        }
    }
}
