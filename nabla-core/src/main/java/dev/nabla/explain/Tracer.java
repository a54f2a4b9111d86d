package dev.nabla.explain;

import dev.nabla.autograd.Formula;
import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.OneHot;
import dev.nabla.nn.LayerSpec;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Builds an {@link Explanation}: runs the training step's forward pass to read its graph (which ops, fused as
 * training fuses them, in which order), runs it again with fusion off and backward to get every value and gradient,
 * and names the tensors: X, then per layer l (a node that brings new parameters) each parameter by its role and l
 * (W₁, b₁) and each value by the letter its op's formula gives it (A₁ = X·W₁ᵀ + 1·b₁ᵀ, H₁ = f(A₁)); the loss L and
 * the target T.
 */
final class Tracer {
    private final Module network;
    private final int inputs;
    private final String lossName;
    private final BiFunction<Variable, Batch, Variable> loss;
    private final Batch batch;
    private final Notation notation;
    private final Map<Variable, Term> termOf = new IdentityHashMap<>();
    private final Map<Variable, List<Term>> linesOf = new IdentityHashMap<>();
    private final Set<String> keys = new HashSet<>();
    private Variable input;
    private Variable root;
    private Term target;
    private int rows;

    Tracer(Module network, int inputs, String lossName, BiFunction<Variable, Batch, Variable> loss, Batch batch,
            Notation notation) {
        this.network = network;
        this.inputs = inputs;
        this.lossName = lossName;
        this.loss = loss;
        this.batch = batch;
        this.notation = notation;
    }

    Explanation explain() {
        network.to(DType.F64);
        Tensor x = batch.features().to(DType.F64);
        rows = x.rows();
        Batch rows64 = Batch.of(x, batch.targets());
        input = Variable.constant(x);
        root = loss.apply(network.forward(input), rows64);
        List<Variable> nodes = forwardOrder(root);

        network.zeroGrad();
        Variable unfused;
        try (var scope = Functional.unfused()) {
            unfused = loss.apply(network.forward(input), rows64);
        }
        unfused.backward();
        List<Variable> valueNodes = forwardOrder(unfused);

        Map<Variable, String> stateNames = new IdentityHashMap<>();
        network.namedParameters().forEach((name, p) -> stateNames.put(p, name));
        List<Term> parameters = new ArrayList<>();
        List<Term> values = new ArrayList<>();
        List<Term> lossTerms = new ArrayList<>();
        Term x0 = new Term("X", notation, Term.Kind.INPUT, null, shape(x, Term.Kind.INPUT));
        x0.values(x, null);
        termOf.put(input, x0);
        target = targetTerm(root.inputs().get(0).data().cols());

        List<Variable> valueLines = valueLines(valueNodes);
        int line = 0;
        int layer = 0;
        for (Variable node : nodes) {
            Formula f = node.formula();
            if (!f.declared()) {
                throw new IllegalStateException("op '" + node.op() + "' declares no formula, so it cannot be explained");
            }
            List<Variable> ins = node.inputs();
            boolean newLayer = false;
            for (Variable v : ins) {
                newLayer |= stateNames.containsKey(v) && !termOf.containsKey(v);
            }
            layer += newLayer ? 1 : 0;
            String sub = layer > 0 ? MathText.subscript(layer) : "";
            for (int i = 0; i < ins.size(); i++) {
                Variable v = ins.get(i);
                if (!termOf.containsKey(v)) {
                    boolean parameter = stateNames.containsKey(v);
                    Term.Kind kind = parameter ? Term.Kind.PARAMETER : Term.Kind.INPUT;
                    Term t = new Term(unique(f.role(i) + sub), notation, kind, stateNames.get(v), shape(v.data(), kind));
                    t.values(v.data(), v.grad());
                    termOf.put(v, t);
                    (parameter ? parameters : values).add(t);
                }
            }
            List<Term> lines = new ArrayList<>();
            for (int k = 0; k < f.forward().size(); k++, line++) {
                boolean last = k == f.forward().size() - 1;
                Term.Kind kind = node == root ? Term.Kind.LOSS : Term.Kind.VALUE;
                String role = Formula.lhs(f.forward().get(k));
                Variable value = line < valueLines.size() ? valueLines.get(line) : null;
                if (value != null && !value.formula().output().equals(role)) {
                    throw new IllegalStateException("forward line " + line + " defines " + role + " in the step and "
                            + value.formula().output() + " in the unfused pass");
                }
                Tensor data = value != null ? value.data() : node.data();
                Term t = new Term(unique(node == root ? role : role + sub), notation, kind, null, shape(data, kind));
                t.values(value != null ? value.data() : null, value != null ? value.grad() : null);
                lines.add(t);
                (node == root ? lossTerms : values).add(t);
                if (last) {
                    termOf.put(node, t);
                }
            }
            linesOf.put(node, lines);
        }
        if (line != valueLines.size()) {
            throw new IllegalStateException("the unfused pass has " + valueLines.size() + " forward lines, the step " + line);
        }
        Term lossTerm = termOf.get(root);
        lossTerm.values(lossTerm.value(), Tensor.scalar(DType.F64, 1));

        List<Term> terms = new ArrayList<>(List.of(x0));
        parameters.sort(java.util.Comparator.comparing(t -> stateOrder(t.stateName())));
        terms.addAll(parameters);
        terms.addAll(values);
        terms.add(target);
        terms.addAll(lossTerms);

        List<Equation> equations = new ArrayList<>();
        List<Explanation.Step> steps = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            forward(nodes.get(n), n, equations, steps);
        }
        equations.add(new Equation(Equation.Section.BACKWARD, lossTerm, lossTerm.gradient() + " = 1",
                MathText.latexSymbol(lossTerm.gradient()) + " = 1", nodes.size() - 1, null));
        Set<Term> assigned = new HashSet<>();
        for (Variable node : reversed(nodes)) {
            backward(node, nodes.indexOf(node), assigned, equations);
        }
        checkNotation(terms);
        equations = annotate(equations);

        Map<String, Tensor> buffers = new LinkedHashMap<>(network.stateDict());
        buffers.keySet().removeAll(network.namedParameters().keySet());
        return new Explanation(notation.title(), describe(), lossName, rows, terms, equations, steps, buffers);
    }

    /** The op nodes of the graph under {@code loss}, inputs before the ops that read them. */
    private static List<Variable> forwardOrder(Variable loss) {
        List<Variable> order = reversed(loss.backwardOrder());
        order.removeIf(v -> v.inputs().isEmpty());
        return order;
    }

    /** For each forward line of the unfused pass, the node whose output it defines (null for a value kept inside). */
    private static List<Variable> valueLines(List<Variable> nodes) {
        List<Variable> out = new ArrayList<>();
        for (Variable node : nodes) {
            int n = node.formula().forward().size();
            for (int k = 0; k < n; k++) {
                out.add(k == n - 1 ? node : null);
            }
        }
        return out;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    private int stateOrder(String name) {
        return new ArrayList<>(network.namedParameters().keySet()).indexOf(name);
    }

    private String unique(String key) {
        String k = key;
        while (!keys.add(k)) {
            k += "′";
        }
        return k;
    }

    /** The targets as the loss reads them: one-hot rows for class labels of a loss on several outputs. */
    private Term targetTerm(int outputs) {
        Tensor t = batch.targets();
        if (t.rank() == 1) {
            t = outputs > 1 ? OneHot.encode(batch.labels(), outputs) : t.reshape(t.size(), 1);
        }
        Tensor value = t.to(DType.F64);
        Term term = new Term(unique("T"), notation, Term.Kind.TARGET, null, shape(value, Term.Kind.TARGET));
        term.values(value, null);
        return term;
    }

    private String shape(Tensor t, Term.Kind kind) {
        if (kind == Term.Kind.LOSS) {
            return "1×1";
        }
        if (t.rank() == 1) {
            return Integer.toString(t.size());
        }
        boolean perRow = kind != Term.Kind.PARAMETER && t.rows() == rows;
        return (perRow ? "N" : Integer.toString(t.rows())) + "×" + t.cols();
    }

    /** The names of {@code node}'s roles: its inputs, the values its forward lines define, and T. */
    private Map<String, MathText.Names> roles(Variable node) {
        Formula f = node.formula();
        Map<String, MathText.Names> roles = new LinkedHashMap<>();
        roles.put("T", names(target));
        List<Variable> ins = node.inputs();
        for (int i = 0; i < ins.size(); i++) {
            Term t = termOf.get(ins.get(i));
            roles.merge(f.role(i), names(t), (a, b) -> new MathText.Names(a.symbol() + ", " + b.symbol(),
                    a.gradient() + ", " + b.gradient()));
        }
        List<Term> lines = linesOf.get(node);
        for (int k = 0; k < lines.size(); k++) {
            roles.put(Formula.lhs(f.forward().get(k)), names(lines.get(k)));
        }
        return roles;
    }

    private static MathText.Names names(Term t) {
        return new MathText.Names(t.symbol(), t.gradient());
    }

    private void forward(Variable node, int n, List<Equation> equations, List<Explanation.Step> steps) {
        Formula f = node.formula();
        Map<String, MathText.Names> roles = roles(node);
        List<Term> lines = linesOf.get(node);
        Map<String, List<Term>> byRole = new LinkedHashMap<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            byRole.computeIfAbsent(f.role(i), r -> new ArrayList<>()).add(termOf.get(node.inputs().get(i)));
        }
        byRole.put("T", List.of(target));
        for (int k = 0; k < lines.size(); k++) {
            String template = f.forward().get(k);
            Equation.Section section = node == root ? Equation.Section.LOSS : Equation.Section.FORWARD;
            equations.add(new Equation(section, lines.get(k), MathText.render(template, roles, null, false),
                    MathText.render(template, roles, null, true), n, null));
            List<Term> reads = new ArrayList<>();
            for (String role : MathText.rolesIn(Formula.rhs(template), roles.keySet())) {
                reads.addAll(byRole.containsKey(role) ? byRole.get(role) : List.of(lines.get(indexOfRole(f, role))));
            }
            String label = MathText.render(Formula.rhs(template), roles, null, false);
            steps.add(new Explanation.Step(MathText.width(label) <= 26 ? label : f.op(), reads, lines.get(k), n));
            byRole.put(Formula.lhs(template), List.of(lines.get(k)));
        }
    }

    private static int indexOfRole(Formula f, String role) {
        for (int k = 0; k < f.forward().size(); k++) {
            if (Formula.lhs(f.forward().get(k)).equals(role)) {
                return k;
            }
        }
        throw new IllegalStateException(f.op() + ": role " + role + " is neither an input nor defined");
    }

    private void backward(Variable node, int n, Set<Term> assigned, List<Equation> equations) {
        Formula f = node.formula();
        Map<String, MathText.Names> roles = roles(node);
        String unit = node == root ? f.output() : null;
        List<Term> lines = linesOf.get(node);
        for (String template : f.backward()) {
            String role = MathText.tokens(Formula.lhs(template)).get(0).base();
            List<Term> targets = new ArrayList<>();
            List<Map<String, MathText.Names>> bindings = new ArrayList<>();
            int defined = definedAt(f, role);
            if (defined >= 0) {
                targets.add(lines.get(defined));
                bindings.add(roles);
            } else {
                for (int i = 0; i < node.inputs().size(); i++) {
                    Variable v = node.inputs().get(i);
                    if (role.equals(f.role(i)) && v.requiresGrad()) {
                        Map<String, MathText.Names> one = new LinkedHashMap<>(roles);
                        one.put(role, names(termOf.get(v)));
                        targets.add(termOf.get(v));
                        bindings.add(one);
                    }
                }
            }
            for (int j = 0; j < targets.size(); j++) {
                String text = MathText.render(template, bindings.get(j), unit, false);
                String latex = MathText.render(template, bindings.get(j), unit, true);
                if (!assigned.add(targets.get(j))) {
                    text = text.replaceFirst(" = ", " += ");
                    latex = latex.replaceFirst(" = ", " \\\\mathrel{+}= ");
                }
                equations.add(new Equation(Equation.Section.BACKWARD, targets.get(j), text, latex, n, null));
            }
        }
    }

    private static int definedAt(Formula f, String role) {
        for (int k = 0; k < f.forward().size(); k++) {
            if (Formula.lhs(f.forward().get(k)).equals(role)) {
                return k;
            }
        }
        return -1;
    }

    private void checkNotation(List<Term> terms) {
        Set<String> known = new HashSet<>();
        for (Term t : terms) {
            known.add(t.key());
            known.add(MathText.bar(t.key()));
        }
        for (String key : notation.symbols().keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("the notation renames " + key + ", which this network does not have; "
                        + "its symbols are " + terms.stream().map(Term::key).toList());
            }
        }
    }

    /** Each note next to the first equation that defines its key (a value, or with a bar, a gradient). */
    private List<Equation> annotate(List<Equation> equations) {
        List<Equation> out = new ArrayList<>(equations);
        for (Map.Entry<String, String> note : notation.notes().entrySet()) {
            int at = -1;
            for (int i = 0; i < out.size() && at < 0; i++) {
                Equation e = out.get(i);
                String defines = e.isGradient() ? MathText.bar(e.lhs().key()) : e.lhs().key();
                at = defines.equals(note.getKey()) ? i : -1;
            }
            if (at < 0) {
                throw new IllegalArgumentException("the notation has a note for " + note.getKey()
                        + ", but no equation defines it");
            }
            out.set(at, out.get(at).withNote(note.getValue()));
        }
        return out;
    }

    /** The layers in one line, from the network's spec. */
    private String describe() {
        StringBuilder sb = new StringBuilder(Integer.toString(inputs));
        try {
            int width = inputs;
            for (LayerSpec layer : ModelSpec.of(network, inputs).layers()) {
                sb.append(" → ").append(layer.describe(width));
                width = layer.outputWidth(width);
            }
        } catch (UnsupportedOperationException e) {
            sb.append(" → ").append(network.getClass().getSimpleName());
        }
        return sb.toString();
    }
}
