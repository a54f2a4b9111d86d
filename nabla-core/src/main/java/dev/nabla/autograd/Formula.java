package dev.nabla.autograd;

import java.util.ArrayList;
import java.util.List;

/**
 * What an op computes, as data in the seeds' notation: its forward equations (the last one defines the op's output;
 * earlier ones name values it computes inside, such as the pre-activation A of a fused linear layer) and its backward
 * equations in the order its rule runs them, one gradient each. Each op declares its formula once, next to its code,
 * and states the same equations in its Javadoc ({@code FormulaJavadocTest} checks that the two agree); every node
 * of the graph carries its op's formula, which is what {@code nabla explain} prints.
 * <p>
 * A single letter is a role: one of the op's {@link #inputs} (in the order of the node's inputs), the left-hand side
 * of a forward equation, or T (a loss's target), N (rows of the batch), n (elements); a barred letter (X̄) is the
 * gradient ∂L/∂X. Words such as {@code tanh}, {@code softmax} and Greek letters are fixed symbols, {@code 1} next to
 * a product is a vector of ones and {@code 1(…)} an indicator.
 *
 * @param op       the op's name, as {@link Variable#op()} reports it
 * @param inputs   the roles of the op's inputs, in order; a last role ending in … stands for all remaining inputs
 * @param forward  the forward equations
 * @param backward the backward equations, each {@code X̄ = …} for an input or a value computed inside
 * @param template null, or the generic formula (with f and f′) this one was made from by filling in an activation
 */
public record Formula(String op, List<String> inputs, List<String> forward, List<String> backward, Formula template) {
    private static final String SEPARATOR = "; ";

    public Formula {
        inputs = List.copyOf(inputs);
        forward = List.copyOf(forward);
        backward = List.copyOf(backward);
    }

    /**
     * A formula from one line each: {@code inputs} comma separated, equations separated by {@code "; "}, e.g.
     * {@code of("tanh", "A", "H = tanh(A)", "Ā = H̄ ⊙ (1 − H²)")}.
     */
    public static Formula of(String op, String inputs, String forward, String backward) {
        return new Formula(op, split(inputs, ","), split(forward, SEPARATOR), split(backward, SEPARATOR), null);
    }

    /** The formula of a leaf or of a custom op that declares none ({@link Variable#fromOp(String, dev.nabla.tensor.Tensor, Backward, Variable...)}). */
    public static Formula undeclared(String op) {
        return new Formula(op, List.of(), List.of(), List.of(), null);
    }

    /** The formula as its op declares it (and its Javadoc states it): the template, or this one. */
    public Formula declaration() {
        return template != null ? template : this;
    }

    /** The role of input {@code i} (without its …), or null when the formula names none for it. */
    public String role(int i) {
        if (i < inputs.size() - 1 || (i == inputs.size() - 1 && !inputs.get(i).endsWith("…"))) {
            return inputs.get(i);
        }
        String last = inputs.isEmpty() ? "" : inputs.get(inputs.size() - 1);
        return last.endsWith("…") ? last.substring(0, last.length() - 1) : null;
    }

    /** Whether the op declared its equations. */
    public boolean declared() {
        return !forward.isEmpty();
    }

    /** The role of the op's output: the left-hand side of the last forward equation. */
    public String output() {
        return lhs(forward.get(forward.size() - 1));
    }

    /** The left-hand side of an equation: the text before its {@code " = "} (or {@code " += "}). */
    public static String lhs(String equation) {
        int at = equation.indexOf(" = ");
        if (at < 0) {
            throw new IllegalArgumentException("not an equation: " + equation);
        }
        return equation.substring(0, at);
    }

    /** The right-hand side of an equation. */
    public static String rhs(String equation) {
        return equation.substring(equation.indexOf(" = ") + 3);
    }

    /**
     * This formula, renamed {@code op}, with the pointwise function f of an activation filled in: {@code f(A)} becomes
     * {@code fOfA} (e.g. {@code tanh(A)}) and {@code f′} becomes {@code fPrime} (e.g. {@code 1 − H²}, parenthesised
     * when it is a sum).
     */
    Formula withActivation(String op, String fOfA, String fPrime) {
        String derivative = isSum(fPrime) ? "(" + fPrime + ")" : fPrime;
        List<String> fw = new ArrayList<>();
        for (String line : forward) {
            fw.add(line.replace("f(A)", fOfA));
        }
        List<String> bw = new ArrayList<>();
        for (String line : backward) {
            bw.add(line.replace("f′", derivative));
        }
        return new Formula(op, inputs, fw, bw, this);
    }

    /** Whether {@code term} has a + or − outside parentheses, so that a product with it needs them. */
    private static boolean isSum(String term) {
        int depth = 0;
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && (c == '+' || c == '−') && i > 0) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(String text, String separator) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(java.util.regex.Pattern.quote(separator))) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return op + ": " + String.join(SEPARATOR, forward) + " ⟹ " + String.join(SEPARATOR, backward);
    }
}
