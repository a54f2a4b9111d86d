package dev.nabla.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.data.Batch;
import dev.nabla.nn.Add;
import dev.nabla.nn.Init;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class GraphTest {
    private static Explanation mlp(int inputs, String hidden, int outputs) {
        Module net = ModelSpec.mlp(inputs, hidden, outputs).build(new SplittableRandom(1));
        double[] labels = {0, 1, 1, 0};
        return Explanation.of(net, inputs, Objective.SOFTMAX_CROSS_ENTROPY,
                Batch.of(ExplanationTest.rows(4, inputs, new SplittableRandom(2)).features(), Tensor.of(labels)), Notation.DEFAULT);
    }

    /** The Mykhalchuk network: Z₂ = ReLU(W₂·tanh(W₁X + b₁) + b₂) + W_s·X, then a linear output. */
    static Explanation skip() {
        SplittableRandom rng = new SplittableRandom(3);
        Module net = new Sequential(new Add(new Sequential(new Linear(3, 5, rng), new Tanh(), new Linear(5, 4, rng), new Relu()),
                new Linear(3, 4, false, Init.XAVIER_UNIFORM, rng)), new Linear(4, 3, rng));
        return Explanation.of(net, 3, Objective.SOFTMAX_CROSS_ENTROPY,
                Batch.of(ExplanationTest.rows(4, 3, rng).features(), Tensor.of(0.0, 1.0, 2.0, 1.0)), Notation.DEFAULT);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document d) {
        NodeList nodes = d.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void theSvgParsesAsXmlAndNamesEveryParameterOfTheStateDict() throws Exception {
        for (Explanation e : List.of(mlp(2, "3:tanh", 2), skip(), mlp(784, "256:relu,128:relu", 10))) {
            Document d = parse(GraphSvg.write(e));
            assertThat(d.getDocumentElement().getTagName()).isEqualTo("svg");
            List<String> texts = texts(d);
            for (Term p : e.parameters()) {
                assertThat(texts).as("state-dict name of %s", p.symbol()).contains(p.stateName());
                assertThat(texts).contains(p.symbol() + "  " + p.shape());
            }
            assertThat(texts).contains("X", "L");
        }
    }

    /** 784-256-128-10: no two boxes overlap, each is wide enough for its text, and the picture fits a page. */
    @Test
    void theFashionMnistNetworkStaysReadable() {
        GraphLayout g = new GraphLayout(mlp(784, "256:relu,128:relu", 10), 600);
        List<GraphLayout.Node> boxes = g.nodes.stream().filter(n -> n.kind != GraphLayout.Kind.POINT).toList();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                GraphLayout.Node a = boxes.get(i);
                GraphLayout.Node b = boxes.get(j);
                boolean apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
                assertThat(apart).as("%s and %s overlap", a.lines, b.lines).isTrue();
            }
            GraphLayout.Node n = boxes.get(i);
            int longest = n.lines.stream().mapToInt(MathText::width).max().orElse(0);
            assertThat(n.width).as("%s", n.lines).isGreaterThanOrEqualTo(7.0 * longest);
            assertThat(n.x - n.width / 2).isGreaterThanOrEqualTo(0);
            assertThat(n.x + n.width / 2).isLessThanOrEqualTo(g.width);
        }
        assertThat(g.width).isLessThan(1000);
        assertThat(g.height).isLessThan(1100);
    }

    @Test
    void theSkipConnectionIsTwoBranchesMeetingAtASum() {
        GraphLayout g = new GraphLayout(skip(), 600);
        GraphLayout.Node sum = g.nodes.stream().filter(n -> n.lines.equals(List.of("H₂ + A₃"))).findFirst().orElseThrow();
        List<GraphLayout.Edge> into = g.edges.stream().filter(e -> e.path().get(e.path().size() - 1) == sum).toList();
        assertThat(into).hasSize(2);
        // Followed down to where they split, the branches run in different columns.
        double left = into.get(0).path().get(into.get(0).path().size() - 2).x;
        double right = into.get(1).path().get(into.get(1).path().size() - 2).x;
        assertThat(Math.abs(left - right)).isGreaterThan(40);
        GraphLayout.Node x = g.nodes.stream().filter(n -> n.lines.get(0).equals("X")).findFirst().orElseThrow();
        assertThat(g.edges.stream().filter(e -> e.path().get(0) == x)).as("X feeds both branches").hasSize(2);
        assertThat(x.y).as("data flows up: X at the bottom").isGreaterThan(sum.y);
    }

    @Test
    void dotHasEveryParameterOnItsOpsRank() {
        Explanation e = skip();
        String dot = GraphDot.write(e);
        assertThat(dot).startsWith("digraph nabla {").contains("rankdir=BT;").endsWith("}\n");
        for (Term p : e.parameters()) {
            assertThat(dot).contains(p.stateName());
        }
        long edges = dot.lines().filter(l -> l.contains(" -> ")).count();
        assertThat(edges).isEqualTo(e.steps().stream().mapToInt(s -> s.inputs().size() + 1).sum());
        assertThat(dot.lines().filter(l -> l.contains("rank=same"))).hasSize(4);
    }
}
