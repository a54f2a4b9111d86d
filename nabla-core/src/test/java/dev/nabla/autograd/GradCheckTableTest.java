package dev.nabla.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.loss.Losses;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable op, checked against central differences: one row per op and shape, each reducing
 * the op's output to a scalar with a fixed random weighting L = Σ op(x) ⊙ R (a weighting whose backward is
 * written here, so that no op under test checks itself), then asserting the worst relative error.
 */
public class GradCheckTableTest {
    private static final double TOLERANCE = 1e-6;
    /**
     * The sums L here reach 5–10, so with GradCheck's default h = 1e-6 the round-off ε·|L|/h of a difference
     * quotient is 1e-9; h = 1e-5 cuts it to 1e-10 while the truncation error h²·f‴/6 stays near 1e-11 (a softplus
     * row failed with 1e-6).
     */
    private static final double STEP = 1e-5;
    /**
     * Errors are relative to max(|analytic|, |numeric|, FLOOR). A difference quotient cannot resolve a gradient
     * element better than its round-off, 1e-10, so the floor must exceed that over the tolerance, 1e-4: with
     * GradCheck's default 1e-6 a batch norm + GELU row failed on an element of 5e-5 (where GELU′ nears 0). With 1e-3,
     * elements below it are checked to 1e-9 absolute, the others to 1e-6 relative; a wrong gradient still fails.
     */
    private static final double FLOOR = 1e-3;
    /** Pre-activations of ReLU rows are kept at least this far from the kink. */
    private static final double KINK_MARGIN = 1e-3;

    /** One row: which public method it exercises (and in which variant), its inputs, and the op. */
    public record Case(String name, String method, String variant, Map<String, Tensor> inputs,
            Function<Map<String, Variable>, Variable> op) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---- the table ----------------------------------------------------------------------------------

    private static final int[][] SHAPES = {{1, 1}, {3, 4}, {5, 1}, {1, 7}, {4, 3}};
    private static final int[][] MATMUL_SIZES = {{1, 1, 1}, {3, 4, 5}, {7, 1, 3}, {2, 5, 1}, {1, 3, 2}};

    public static List<Case> cases() {
        SplittableRandom rng = new SplittableRandom(20240611L);
        List<Case> cases = new ArrayList<>();
        String vMatmul = "Variable.matmul(Variable)";
        String vMatmulT = "Variable.matmul(Variable,boolean,boolean)";
        for (int[] s : MATMUL_SIZES) {
            int m = s[0], k = s[1], n = s[2];
            cases.add(new Case("matmul " + dims(m, k) + "·" + dims(k, n), vMatmul, "",
                    inputs("a", random(rng, m, k), "b", random(rng, k, n)), p -> p.get("a").matmul(p.get("b"))));
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Tensor a = ta ? random(rng, k, m) : random(rng, m, k);
                    Tensor b = tb ? random(rng, n, k) : random(rng, k, n);
                    cases.add(new Case("matmul(transA=" + ta + ", transB=" + tb + ") " + a.shapeString() + ", "
                            + b.shapeString(), vMatmulT, "transA=" + ta + ",transB=" + tb, inputs("a", a, "b", b),
                            p -> p.get("a").matmul(p.get("b"), ta, tb)));
                }
            }
        }
        for (int[] s : SHAPES) {
            int r = s[0], c = s[1];
            String sh = dims(r, c);
            cases.add(new Case("add same shape " + sh, "Variable.add(Variable)", "same",
                    inputs("a", random(rng, r, c), "b", random(rng, r, c)), p -> p.get("a").add(p.get("b"))));
            cases.add(new Case("add row-broadcast [" + c + "] over " + sh, "Variable.add(Variable)", "broadcast",
                    inputs("a", random(rng, r, c), "b", random(rng, c)), p -> p.get("a").add(p.get("b"))));
            cases.add(new Case("add row-broadcast [1, " + c + "] over " + dims(r + 1, c), "Variable.add(Variable)",
                    "broadcast", inputs("a", random(rng, r + 1, c), "b", random(rng, 1, c)),
                    p -> p.get("a").add(p.get("b"))));
            cases.add(new Case("sub same shape " + sh, "Variable.sub(Variable)", "same",
                    inputs("a", random(rng, r, c), "b", random(rng, r, c)), p -> p.get("a").sub(p.get("b"))));
            cases.add(new Case("sub row-broadcast [" + c + "] over " + sh, "Variable.sub(Variable)", "broadcast",
                    inputs("a", random(rng, r, c), "b", random(rng, c)), p -> p.get("a").sub(p.get("b"))));
            cases.add(new Case("mul " + sh, "Variable.mul(Variable)", "",
                    inputs("a", random(rng, r, c), "b", random(rng, r, c)), p -> p.get("a").mul(p.get("b"))));
            double alpha = rng.nextDouble(-3, 3);
            cases.add(new Case("scale by " + alpha + " " + sh, "Variable.scale(double)", "",
                    inputs("a", random(rng, r, c)), p -> p.get("a").scale(alpha)));
            cases.add(new Case("sum " + sh, "Variable.sum()", "", inputs("a", random(rng, r, c)), p -> p.get("a").sum()));
            cases.add(new Case("mean " + sh, "Variable.mean()", "", inputs("a", random(rng, r, c)), p -> p.get("a").mean()));
            cases.add(new Case("tanh " + sh, "Variable.tanh()", "", inputs("a", random(rng, r, c)), p -> p.get("a").tanh()));
            cases.add(new Case("sigmoid " + sh, "Variable.sigmoid()", "", inputs("a", random(rng, r, c)),
                    p -> p.get("a").sigmoid()));
            cases.add(new Case("relu " + sh, "Variable.relu()", "", inputs("a", awayFromZero(rng, r, c)),
                    p -> p.get("a").relu()));
            cases.add(new Case("leakyRelu(0.1) " + sh, "Variable.leakyRelu(double)", "",
                    inputs("a", awayFromZero(rng, r, c)), p -> p.get("a").leakyRelu(0.1)));
            cases.add(new Case("softmax " + sh, "Variable.softmax()", "", inputs("a", random(rng, r, c)),
                    p -> p.get("a").softmax()));
            cases.add(new Case("logSoftmax " + sh, "Variable.logSoftmax()", "", inputs("a", random(rng, r, c)),
                    p -> p.get("a").logSoftmax()));
        }
        // Rank-1 operands of the elementwise ops.
        cases.add(new Case("add rank-1 [5]", "Variable.add(Variable)", "same",
                inputs("a", random(rng, 5), "b", random(rng, 5)), p -> p.get("a").add(p.get("b"))));
        cases.add(new Case("tanh rank-1 [6]", "Variable.tanh()", "", inputs("a", random(rng, 6)), p -> p.get("a").tanh()));

        for (Activation f : Activation.values()) {
            double slope = parameterFor(f);
            cases.add(new Case("activation " + f.id() + " [3, 4]", "Functional.activation(Variable,Activation,double)",
                    f.id(), inputs("a", awayFromZero(rng, 3, 4)), p -> Functional.activation(p.get("a"), f, slope)));
        }

        for (int[] shape : new int[][] {{1, 2}, {5, 3}, {7, 4}}) {
            int n = shape[0];
            int d = shape[1];
            Tensor x = random(rng, n, d);
            int[] columns = d == 2 ? new int[] {0} : new int[] {2, 0};
            int[] codes = {4, 3};
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < columns.length; k++) {
                    x.set(i * d + columns[k], rng.nextInt(codes[k]));
                }
            }
            Map<String, Tensor> in = columns.length == 1
                    ? inputs("x", x, "w0", random(rng, codes[0], 3))
                    : inputs("x", x, "w0", random(rng, codes[0], 3), "w1", random(rng, codes[1], 2));
            cases.add(new Case("embed " + columns.length + " code columns of " + dims(n, d), "Functional.embed("
                    + "Variable,int[],Variable[])", "", in, p -> columns.length == 1
                    ? Functional.embed(p.get("x"), columns, p.get("w0"))
                    : Functional.embed(p.get("x"), columns, p.get("w0"), p.get("w1"))));
        }

        String linear3 = "Functional.linear(Variable,Variable,Variable)";
        String linear5 = "Functional.linear(Variable,Variable,Variable,Activation,double)";
        for (int[] s : MATMUL_SIZES) {
            int n = s[0], in = s[1], out = s[2];
            cases.add(new Case("linear " + dims(n, in) + " → " + out, linear3, "bias",
                    inputs("x", random(rng, n, in), "w", random(rng, out, in), "b", random(rng, out)),
                    p -> Functional.linear(p.get("x"), p.get("w"), p.get("b"))));
            cases.add(new Case("linear no bias " + dims(n, in) + " → " + out, linear3, "no bias",
                    inputs("x", random(rng, n, in), "w", random(rng, out, in)),
                    p -> Functional.linear(p.get("x"), p.get("w"), null)));
            for (Activation f : Activation.values()) {
                double slope = parameterFor(f);
                for (boolean bias : new boolean[] {true, false}) {
                    Map<String, Tensor> in3 = linearInputsAwayFromKink(rng, n, in, out, bias);
                    cases.add(new Case("linear+" + f.id() + (bias ? "" : " no bias") + " " + dims(n, in) + " → " + out,
                            linear5, f.id(), in3,
                            p -> Functional.linear(p.get("x"), p.get("w"), p.get("b"), f, slope)));
                }
            }
        }

        NormalisationCases.add(cases, rng);

        for (int[] s : SHAPES) {
            int r = s[0], c = s[1];
            String sh = dims(r, c);
            cases.add(new Case("mse " + sh, "Losses.mse(Variable,Tensor)", "", inputs("y", random(rng, r, c)),
                    withTarget(random(rng, r, c), Losses::mse)));
            cases.add(new Case("halfSumSquaredError " + sh, "Losses.halfSumSquaredError(Variable,Tensor)", "",
                    inputs("y", random(rng, r, c)), withTarget(random(rng, r, c), Losses::halfSumSquaredError)));
            Tensor bceTargets = uniform(rng, 0, 1, r, c);
            bceTargets.set(0, 1.0);
            cases.add(new Case("binaryCrossEntropyWithLogits " + sh, "Losses.binaryCrossEntropyWithLogits(Variable,Tensor)",
                    "", inputs("z", scaled(random(rng, r, c), 3)), withTarget(bceTargets, Losses::binaryCrossEntropyWithLogits)));
            int[] labels = rng.ints(r, 0, c).toArray();
            cases.add(new Case("softmaxCrossEntropy labels " + Arrays.toString(labels) + " " + sh,
                    "Losses.softmaxCrossEntropy(Variable,int[])", "", inputs("z", scaled(random(rng, r, c), 2)),
                    p -> Losses.softmaxCrossEntropy(p.get("z"), labels)));
            cases.add(new Case("softmaxCrossEntropy probability targets " + sh,
                    "Losses.softmaxCrossEntropy(Variable,Tensor)", "normalised", inputs("z", scaled(random(rng, r, c), 2)),
                    withTarget(probabilityRows(rng, r, c), Losses::softmaxCrossEntropy)));
            cases.add(new Case("softmaxCrossEntropy unnormalised targets " + sh,
                    "Losses.softmaxCrossEntropy(Variable,Tensor)", "unnormalised", inputs("z", random(rng, r, c)),
                    withTarget(uniform(rng, 0, 2, r, c), Losses::softmaxCrossEntropy)));
            double delta = rng.nextDouble(0.3, 1.5);
            cases.add(new Case("huber δ=" + delta + " " + sh, "Losses.huber(Variable,Tensor,double)", "",
                    inputs("y", scaled(random(rng, r, c), 2)), withTarget(random(rng, r, c),
                    (y, t) -> Losses.huber(y, t, delta))));
            Tensor l1Target = random(rng, r, c);
            cases.add(new Case("l1 " + sh, "Losses.l1(Variable,Tensor)", "",
                    inputs("y", awayFrom(l1Target, awayFromZero(rng, r, c))), withTarget(l1Target, Losses::l1)));
            Tensor classWeights = uniform(rng, 0.2, 3, c);
            double smoothing = rng.nextDouble(0.05, 0.5);
            for (String variant : new String[] {"weights", "smoothing", "both"}) {
                Tensor w = variant.equals("smoothing") ? null : classWeights;
                double e = variant.equals("weights") ? 0 : smoothing;
                cases.add(new Case("softmaxCrossEntropy " + variant + " labels " + Arrays.toString(labels) + " " + sh,
                        "Losses.softmaxCrossEntropy(Variable,int[],Tensor,double)", variant,
                        inputs("z", scaled(random(rng, r, c), 2)), p -> Losses.softmaxCrossEntropy(p.get("z"), labels, w, e)));
            }
            Tensor posWeight = uniform(rng, 0.2, 4, c);
            cases.add(new Case("binaryCrossEntropyWithLogits pos_weight " + sh,
                    "Losses.binaryCrossEntropyWithLogits(Variable,Tensor,Tensor)", "",
                    inputs("z", scaled(random(rng, r, c), 3)),
                    withTarget(bceTargets, (z, t) -> Losses.binaryCrossEntropyWithLogits(z, t, posWeight))));
            double alpha = rng.nextDouble(0.01, 2);
            cases.add(new Case("l2Penalty α=" + alpha + " over " + sh + " and [" + c + "]",
                    "Losses.l2Penalty(double,List)", "", inputs("w", random(rng, r, c), "b", random(rng, c)),
                    p -> Losses.l2Penalty(alpha, List.of(p.get("w"), p.get("b")))));
        }
        return cases;
    }

    // ---- the check --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backpropagatedGradientMatchesCentralDifferences(Case c) {
        Map<String, Variable> params = new LinkedHashMap<>();
        c.inputs().forEach((name, t) -> params.put(name, Variable.parameter(t.copy())));
        Tensor out = c.op().apply(params).data();
        Tensor weights = random(new SplittableRandom(c.name().hashCode()), out.shape());

        GradCheck.Report report = GradCheck.check(params, () -> weightedSum(c.op().apply(params), weights), STEP,
                FLOOR);

        assertThat(report.worstRelativeError()).containsOnlyKeys(params.keySet());
        assertThat(report.worst()).as("%s%n%s", c.name(), report).isLessThan(TOLERANCE);
        for (Variable p : params.values()) {
            assertThat(p.grad()).as("gradient of every input of %s", c.name()).isNotNull();
        }
    }

    /** L = Σ v ⊙ R with a hand-written backward v̄ += L̄·R, so the reduction relies on no op under test. */
    private static Variable weightedSum(Variable v, Tensor weights) {
        Tensor data = v.data();
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            s += data.get(i) * weights.get(i);
        }
        return Variable.fromOp("weightedSum", Tensor.scalar(DType.F64, s), g -> {
            Tensor grad = v.gradBuffer();
            for (int i = 0; i < grad.size(); i++) {
                grad.set(i, grad.get(i) + g.get(0) * weights.get(i));
            }
        }, v);
    }

    // ---- completeness -------------------------------------------------------------------------------

    /** Static factories of leaves and custom ops build no differentiable function of their own. */
    private static final Set<String> NOT_OPS = Set.of(
            "Variable.parameter(Tensor)", "Variable.constant(Tensor)",
            "Variable.fromOp(String,Tensor,Backward,Variable[])", "Variable.fromOp(Formula,Tensor,Backward,Variable[])");

    @Test
    void everyPublicOpHasARowInTheTable() {
        Set<String> covered = cases().stream().map(Case::method).collect(Collectors.toCollection(TreeSet::new));
        Set<String> ops = new TreeSet<>();
        for (Class<?> type : List.of(Variable.class, Functional.class, Losses.class)) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == Variable.class) {
                    ops.add(key(m));
                }
            }
        }
        ops.removeAll(NOT_OPS);

        assertThat(ops).as("public ops found by reflection").contains(
                "Variable.matmul(Variable,boolean,boolean)", "Functional.linear(Variable,Variable,Variable)",
                "Losses.softmaxCrossEntropy(Variable,int[])");
        assertThat(covered).as("ops with a gradient-check row").containsAll(ops);
        assertThat(ops).as("rows naming a method that does not exist").containsAll(covered);
    }

    /** The equations nabla explain prints come from the ops: an op without them fails here. */
    @Test
    void everyOpInTheTableDeclaresItsFormula() {
        for (Case c : cases()) {
            Map<String, Variable> params = new LinkedHashMap<>();
            c.inputs().forEach((name, t) -> params.put(name, Variable.parameter(t.copy())));
            Variable out = c.op().apply(params);
            if (params.containsValue(out)) {
                continue; // the identity activation returns its input: no node, nothing to explain
            }
            Formula f = out.formula();
            assertThat(f.declared()).as("%s (%s) declares no Formula: pass one to Variable.fromOp", c.name(), out.op()).isTrue();
            for (int i = 0; i < out.inputs().size(); i++) {
                assertThat(f.role(i)).as("%s: a role for input %d", c.name(), i).isNotNull();
            }
            assertThat(f.inputs()).as("%s: no role without an input", c.name()).hasSizeLessThanOrEqualTo(out.inputs().size());
        }
    }

    @Test
    void tableCoversEveryActivationTransposeAndBroadcast() {
        List<Case> cases = cases();
        assertThat(variants(cases, "Functional.linear(Variable,Variable,Variable,Activation,double)"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Activation.values()).map(Activation::id).toList());
        assertThat(variants(cases, "Variable.matmul(Variable,boolean,boolean)")).containsExactlyInAnyOrder(
                "transA=false,transB=false", "transA=false,transB=true", "transA=true,transB=false", "transA=true,transB=true");
        assertThat(variants(cases, "Variable.add(Variable)")).containsExactlyInAnyOrder("same", "broadcast");
        assertThat(variants(cases, "Variable.sub(Variable)")).containsExactlyInAnyOrder("same", "broadcast");
        assertThat(variants(cases, "Losses.softmaxCrossEntropy(Variable,Tensor)"))
                .containsExactlyInAnyOrder("normalised", "unnormalised");
        assertThat(variants(cases, "Losses.softmaxCrossEntropy(Variable,int[],Tensor,double)"))
                .containsExactlyInAnyOrder("weights", "smoothing", "both");
        for (String method : cases.stream().map(Case::method).distinct().toList()) {
            assertThat(cases.stream().filter(c -> c.method().equals(method)).count())
                    .as("rows of %s", method).isGreaterThanOrEqualTo(3);
        }
        assertThat(cases).anyMatch(c -> c.inputs().values().stream().allMatch(t -> t.size() == 1));
    }

    private static Set<String> variants(List<Case> cases, String method) {
        return cases.stream().filter(c -> c.method().equals(method)).map(Case::variant).collect(Collectors.toSet());
    }

    private static String key(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + "("
                + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(",")) + ")";
    }

    // ---- GradCheck itself ---------------------------------------------------------------------------

    /** y = x² with the backward of y = x (x̄ += ȳ instead of 2x·ȳ). */
    static Variable wrongSquare(Variable x) {
        Tensor in = x.data();
        Tensor out = Tensor.zeros(DType.F64, in.shape());
        for (int i = 0; i < in.size(); i++) {
            out.set(i, in.get(i) * in.get(i));
        }
        return Variable.fromOp("wrongSquare", out, g -> {
            Tensor grad = x.gradBuffer();
            for (int i = 0; i < grad.size(); i++) {
                grad.set(i, grad.get(i) + g.get(i));
            }
        }, x);
    }

    @Test
    void gradCheckReportsALargeErrorForAWrongBackward() {
        Variable x = Variable.parameter(Tensor.wrap(new double[] {0.5, -1.5, 2.0, 3.0}, 2, 2));

        GradCheck.Report report = GradCheck.check(Map.of("x", x), () -> wrongSquare(x).sum());

        // analytic 1, numeric 2x: relative error |1 − 2x| / max(1, |2x|) is 2/3 at x = 3.
        assertThat(report.worst()).isGreaterThan(0.5);
        assertThat(report.worstAbsoluteError().get("x")).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void gradCheckRejectsF32ParametersNamingThem() {
        Variable ok = Variable.parameter(Tensor.zeros(DType.F64, 2));
        Variable single = Variable.parameter(Tensor.zeros(DType.F32, 3, 2));
        Map<String, Variable> params = new LinkedHashMap<>();
        params.put("ok", ok);
        params.put("hidden.weight", single);

        assertThatThrownBy(() -> GradCheck.check(params, () -> ok.sum().add(single.sum())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hidden.weight'")
                .hasMessageContaining("F32")
                .hasMessageContaining("[3, 2]");
    }

    @Test
    void gradCheckReportNamesTheWorstParameter() {
        Variable good = Variable.parameter(Tensor.of(0.3, -0.7, 1.1));
        Variable bad = Variable.parameter(Tensor.of(1.5, -2.5, 0.5));
        Map<String, Variable> params = new LinkedHashMap<>();
        params.put("good", good);
        params.put("bad", bad);

        GradCheck.Report report = GradCheck.check(params, () -> good.tanh().sum().add(wrongSquare(bad).sum()));

        assertThat(report.worstParameter()).isEqualTo("bad");
        assertThat(report.worstRelativeError().get("good")).isLessThan(TOLERANCE);
        assertThat(report.worstRelativeError().get("bad")).isGreaterThan(0.5);
        assertThat(report.worstRelativeError().keySet()).containsExactly("good", "bad");
        assertThat(report.toString()).contains("good").contains("bad");
        // The analytic gradient stays in the parameters afterwards.
        assertThat(bad.grad().toDoubleArray()).containsExactly(1, 1, 1);
    }

    // ---- inputs -------------------------------------------------------------------------------------

    static Map<String, Tensor> inputs(Object... nameTensorPairs) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTensorPairs.length; i += 2) {
            m.put((String) nameTensorPairs[i], (Tensor) nameTensorPairs[i + 1]);
        }
        return m;
    }

    private static Function<Map<String, Variable>, Variable> withTarget(
            Tensor target, java.util.function.BiFunction<Variable, Tensor, Variable> loss) {
        return p -> loss.apply(p.values().iterator().next(), target);
    }

    static Tensor random(SplittableRandom rng, int... shape) {
        return uniform(rng, -1, 1, shape);
    }

    static Tensor uniform(SplittableRandom rng, double lo, double hi, int... shape) {
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, rng.nextDouble(lo, hi));
        }
        return t;
    }

    private static Tensor scaled(Tensor t, double factor) {
        for (int i = 0; i < t.size(); i++) {
            t.set(i, t.get(i) * factor);
        }
        return t;
    }

    /** Values with |x| ≥ 0.05, well away from the ReLU kink. */
    private static Tensor awayFromZero(SplittableRandom rng, int... shape) {
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (rng.nextBoolean() ? 1 : -1) * rng.nextDouble(0.05, 1));
        }
        return t;
    }

    /** {@code target + offsets}: outputs whose differences from the target are the offsets (kept off a kink). */
    private static Tensor awayFrom(Tensor target, Tensor offsets) {
        Tensor t = target.copy();
        for (int i = 0; i < t.size(); i++) {
            t.set(i, t.get(i) + offsets.get(i));
        }
        return t;
    }

    private static Tensor probabilityRows(SplittableRandom rng, int r, int c) {
        Tensor t = uniform(rng, 0.01, 1, r, c);
        for (int i = 0; i < r; i++) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += t.get(i, j);
            }
            for (int j = 0; j < c; j++) {
                t.set(i, j, t.get(i, j) / s);
            }
        }
        return t;
    }

    /** Inputs of a linear layer whose pre-activations X·Wᵀ + b all lie at least {@link #KINK_MARGIN} from 0. */
    private static Map<String, Tensor> linearInputsAwayFromKink(SplittableRandom rng, int n, int in, int out, boolean bias) {
        for (int attempt = 0; ; attempt++) {
            Tensor x = random(rng, n, in);
            Tensor w = random(rng, out, in);
            Tensor b = bias ? random(rng, out) : null;
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                for (int o = 0; o < out && ok; o++) {
                    double z = b == null ? 0 : b.get(o);
                    for (int k = 0; k < in; k++) {
                        z += x.get(i, k) * w.get(o, k);
                    }
                    ok = Math.abs(z) > 100 * KINK_MARGIN;
                }
            }
            if (ok) {
                return b == null ? inputs("x", x, "w", w) : inputs("x", x, "w", w, "b", b);
            }
            if (attempt > 10_000) {
                throw new AssertionError("no inputs away from the kink for " + n + "×" + in + " → " + out);
            }
        }
    }

    /** A parameter away from the default, so that the rows check it is used: slope 0.2, α 0.7. */
    static double parameterFor(Activation f) {
        return f == Activation.ELU ? 0.7 : f == Activation.LEAKY_RELU ? 0.2 : 0;
    }

    static String dims(int r, int c) {
        return "[" + r + ", " + c + "]";
    }


    @Test
    void gradCheckRejectsAnIntermediateValueInPlaceOfAParameter() {
        Variable w = Variable.parameter(Tensor.of(1.0, 2.0));
        Variable doubled = w.scale(2);
        assertThatThrownBy(() -> GradCheck.check(Map.of("doubled", doubled), () -> doubled.sum()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'doubled'").hasMessageContaining("scale");
    }
}
