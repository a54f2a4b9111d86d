package dev.nabla.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.data.Batch;
import dev.nabla.explain.Equation;
import dev.nabla.explain.Explanation;
import dev.nabla.explain.Reports;
import dev.nabla.explain.Term;
import dev.nabla.io.NotationJson;
import dev.nabla.loss.Losses;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Tanh;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code nabla explain --values} prints for each seed network equals the seed test's own closed forms,
 * computed independently in plain arithmetic ({@link Mat}): every value of the forward pass and every gradient of
 * the backward pass, looked up by the symbol of the seed's notation (examples/specs/*.notation.json), both as the
 * explanation holds them and as its text prints them (six significant digits).
 */
class ExplainedSeedsTest {
    private static final double TOLERANCE = 1e-12;
    private static final Path SPECS = Path.of("..", "examples", "specs");

    /** The explanation and its text with values, and checks of one symbol's value or gradient at a time. */
    private record Explained(Explanation e, String text) {
        static Explained of(Sequential net, int inputs, Objective objective, Batch batch, String seed) throws Exception {
            return of(net, inputs, objective.id(), objective::loss, batch, seed);
        }

        /** With the seeds' ½·Σ(Y − T)², which the command line's losses do not offer. */
        static Explained halfSumSquared(Sequential net, int inputs, Batch batch, String seed) throws Exception {
            return of(net, inputs, "half_sum_squared_error", (y, b) -> Losses.halfSumSquaredError(y, b.targets()), batch, seed);
        }

        static Explained of(Sequential net, int inputs, String lossName,
                java.util.function.BiFunction<dev.nabla.autograd.Variable, Batch, dev.nabla.autograd.Variable> loss,
                Batch batch, String seed) throws Exception {
            Explanation e = Explanation.of(net, inputs, lossName, loss, batch,
                    NotationJson.read(SPECS.resolve(seed + ".notation.json")));
            return new Explained(e, Reports.write(e, Reports.Format.TEXT, true, null));
        }

        void value(String symbol, double[][] expected) {
            check(symbol, false, expected);
        }

        void gradient(String symbol, double[][] expected) {
            check(symbol, true, expected);
        }

        private void check(String symbol, boolean gradient, double[][] expected) {
            Term t = e.term(symbol);
            assertThat(t).as("a term called %s", symbol).isNotNull();
            Tensor actual = gradient ? t.grad() : t.value();
            String name = gradient ? t.gradient() : t.symbol();
            Mat.assertClose(name, actual, expected, TOLERANCE);
            // The printed corner: a vector as one row, at most eight rows and columns of a matrix.
            double[][] printed = printed(name);
            double[][] shaped = expected.length != actual.rows() ? Mat.reshape(expected, actual.rows(), actual.cols()) : expected;
            double[][] corner = new double[printed.length][printed[0].length];
            for (int i = 0; i < corner.length; i++) {
                for (int j = 0; j < corner[0].length; j++) {
                    corner[i][j] = actual.rank() == 1 ? shaped[0][j] : shaped[i][j];
                }
            }
            assertThat(Mat.relativeError(printed, corner)).as("%s as printed", name).isLessThan(1e-5);
        }

        /** The matrix printed under the equation that defines {@code name} last (its final value). */
        private double[][] printed(String name) {
            List<String> lines = text.lines().toList();
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).trim();
                if (l.startsWith(name + " = ") || l.startsWith(name + " += ")) {
                    at = i;
                }
            }
            assertThat(at).as("a printed line defining %s", name).isNotNegative();
            List<double[]> rows = new ArrayList<>();
            for (int i = at + 1; i < lines.size() && lines.get(i).trim().startsWith("["); i++) {
                String inner = lines.get(i).trim().replace("…", "");
                rows.add(java.util.Arrays.stream(inner.substring(1, inner.length() - 1).trim().split("\\s+"))
                        .mapToDouble(Double::parseDouble).toArray());
            }
            assertThat(rows).as("the values printed under %s", name).isNotEmpty();
            return rows.toArray(double[][]::new);
        }
    }

    private static double[][] mask(double[][] a) {
        return Mat.map(a, v -> v > 0 ? 1 : 0);
    }

    @Test
    void umons() throws Exception {
        UmonsSeedTest seed = new UmonsSeedTest();
        UmonsSeedTest.VectorForm v = seed.new VectorForm();
        Sequential net = new Sequential(new Linear(Mat.tensor(seed.u), Mat.tensor(seed.b)), new Tanh(),
                new Linear(Mat.tensor(seed.w), Mat.tensor(new double[] {seed.c})));
        Explained x = Explained.of(net, 2, Objective.BINARY_CROSS_ENTROPY,
                Batch.of(Mat.tensor(seed.x), Mat.tensor(Mat.column(seed.y))), "umons");

        x.value("G", v.gM);
        x.value("H", v.hM);
        x.value("z", v.zM);
        x.gradient("z", v.zBar);
        x.gradient("W", v.wBar);
        x.gradient("c", new double[][] {{v.cBar}});
        x.gradient("H", v.hBar);
        x.gradient("G", v.gBar);
        x.gradient("U", v.uBar);
        x.gradient("b", new double[][] {v.bBar});
        assertThat(note(x.e(), "c̄")).contains("zᵀ1");
    }

    @Test
    void saxon() throws Exception {
        SaxonSeedTest seed = new SaxonSeedTest();
        SaxonSeedTest.Forward fw = seed.new Forward();
        Sequential net = new Sequential(new Linear(Mat.tensor(seed.w1), Mat.tensor(seed.b1)), new Relu(),
                new Linear(Mat.tensor(seed.w2), Mat.tensor(seed.b2)));
        Explained x = Explained.of(net, seed.w1[0].length, Objective.SOFTMAX_CROSS_ENTROPY,
                Batch.of(Mat.tensor(seed.x), Tensor.of(java.util.Arrays.stream(seed.labels).asDoubleStream().toArray())), "saxon");

        // The seed's terms for the mean over N rows, without its α terms (those are the optimiser's weight decay).
        double[][] df = Mat.scale(1.0 / SaxonSeedTest.N, fw.df);
        double[][] dh = Mat.mul(df, seed.w2);
        double[][] da = Mat.hadamard(dh, mask(fw.a));
        x.value("a", fw.a);
        x.value("h", fw.h);
        x.value("f", fw.f);
        x.gradient("f", df);
        x.gradient("w₂", Mat.mul(Mat.t(df), fw.h));
        x.gradient("h", dh);
        x.gradient("a", da);
        x.gradient("w₁", Mat.mul(Mat.t(da), seed.x));
        x.gradient("b₁", new double[][] {Mat.columnSums(da)});
        assertThat(note(x.e(), "dw₁")).contains("Θ(a)");
    }

    @Test
    void mykhalchuk() throws Exception {
        MykhalchukSeedTest seed = new MykhalchukSeedTest();
        MykhalchukSeedTest.Closed c = seed.new Closed();
        Explained x = Explained.of(seed.net, MykhalchukSeedTest.D, Objective.SOFTMAX_CROSS_ENTROPY,
                Batch.of(Mat.tensor(seed.x), Tensor.of(java.util.Arrays.stream(seed.labels).asDoubleStream().toArray())),
                "mykhalchuk");

        x.value("A₁", c.a1);
        x.value("Z₁", c.z1);
        x.value("A₂", c.a2);
        x.value("Z₂", c.z2);
        x.value("A₃", c.a3);
        x.gradient("A₃", c.delta3);
        x.gradient("W₃", c.w3Bar);
        x.gradient("Z₂", c.z2Bar);
        x.gradient("W_s", c.wsBar);
        x.gradient("A₂", c.delta2);
        x.gradient("W₂", c.w2Bar);
        x.gradient("A₁", c.delta1);
        x.gradient("W₁", c.w1Bar);
        x.gradient("b₁", new double[][] {c.b1Bar});
        assertThat(x.e().term("A₃").gradient()).isEqualTo("δ³");
        assertThat(note(x.e(), "δ³")).contains("minus");
    }

    /** One row and the seed's J = ½(h − o)². */
    @Test
    void chau() throws Exception {
        ChauSeedTest seed = new ChauSeedTest();
        Sequential net = ChauSeedTest.network(11);
        int row = 7;
        double[] xRow = seed.x.row(row);
        Explained x = Explained.halfSumSquared(net, 2,
                Batch.of(Tensor.wrap(xRow.clone(), 1, 2), Tensor.wrap(new double[] {seed.y.get(row)}, 1, 1)), "chau");

        List<Linear> layers = List.of((Linear) net.layers().get(0), (Linear) net.layers().get(2), (Linear) net.layers().get(4));
        double[][] z1 = Mat.add(Mat.mul(Mat.of(layers.get(0).weight().data()), Mat.column(xRow)),
                Mat.column(layers.get(0).bias().data().toDoubleArray()));
        double[][] a1 = Mat.map(z1, v -> Math.max(0, v));
        double[][] z2 = Mat.add(Mat.mul(Mat.of(layers.get(1).weight().data()), a1),
                Mat.column(layers.get(1).bias().data().toDoubleArray()));
        double[][] w3 = Mat.of(layers.get(2).weight().data());
        double h = Mat.mul(w3, Mat.map(z2, v -> Math.max(0, v)))[0][0] + layers.get(2).bias().data().get(0);
        double[][] upstream = Mat.scale(h - seed.y.get(row), Mat.t(w3));
        double[][] w2Bar = Mat.mul(Mat.hadamard(upstream, mask(z2)), Mat.t(a1)); // the seed's, with g′ where it wrote g

        x.value("z⁽¹⁾", Mat.t(z1));
        x.value("z⁽²⁾", Mat.t(z2));
        x.value("h", new double[][] {{h}});
        x.gradient("h", new double[][] {{h - seed.y.get(row)}});
        x.gradient("W⁽²⁾", w2Bar);
        assertThat(note(x.e(), "W̄⁽²⁾")).contains("g′");
    }

    /** All layers sigmoid and E = ½‖t − y‖² summed over the batch, as the seed test has them. */
    @Test
    void blog() throws Exception {
        BlogSeedTest seed = new BlogSeedTest();
        Linear[] linear = new Linear[BlogSeedTest.SIZES.length];
        Sequential net = seed.network(Sigmoid::new, linear);
        java.util.function.DoubleUnaryOperator f = v -> 1 / (1 + Math.exp(-v));
        BlogSeedTest.Recursion r = seed.deltaRecursion(f, v -> f.applyAsDouble(v) * (1 - f.applyAsDouble(v)));
        Explained x = Explained.halfSumSquared(net, BlogSeedTest.SIZES[0],
                Batch.of(Mat.tensor(seed.inputs), Mat.tensor(seed.targets)), "nn-math");

        String[] w = {"", "W¹", "W²", "W³"};
        String[] b = {"", "b¹", "b²", "b³"};
        String[] u = {"", "u¹", "u²", "u³"};
        for (int l = 1; l < BlogSeedTest.SIZES.length; l++) {
            x.gradient(w[l], r.wBar()[l]);
            x.gradient(b[l], Mat.t(r.bBar()[l]));
            x.gradient(u[l], r.delta()[l]);
        }
        assertThat(x.e().term("u¹").gradient()).isEqualTo("δ¹");
    }

    private static String note(Explanation e, String gradient) {
        return e.section(Equation.Section.BACKWARD).stream().filter(q -> q.lhs().gradient().equals(gradient))
                .map(Equation::note).filter(java.util.Objects::nonNull).findFirst().orElse("");
    }
}
