package dev.nabla.tensor;

import dev.nabla.tensor.kernel.Smooth;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Pointwise activation functions f and their derivatives f′. The first five take f′ from the output H = f(A)
 * alone, so their forward results may overwrite their inputs; the smooth ones added later ({@link #needsInput()})
 * take it from A, which the op that applies them keeps. An activation may have one parameter (leaky ReLU's slope,
 * ELU's α), named as in its file form. Each declares f applied to A and f′ in the seeds' notation (the equations of
 * {@code nabla explain}); its Javadoc states the same two.
 */
public enum Activation {
    /** f(A) = A, f′ = 1. */
    IDENTITY("A", "1"),
    /** f(A) = tanh(A), f′ = 1 − H². */
    TANH("tanh(A)", "1 − H²"),
    /** f(A) = σ(A), f′ = H ⊙ (1 − H), with σ(a) = 1/(1+e^{−a}). */
    SIGMOID("σ(A)", "H ⊙ (1 − H)"),
    /** f(A) = ReLU(A), f′ = 1(H > 0), with ReLU(a) = max(0, a). */
    RELU("ReLU(A)", "1(H > 0)"),
    /** f(A) = max(A, α·A), f′ = 1(H > 0) + α·1(H ≤ 0), for a slope 0 &lt; α &lt; 1. */
    LEAKY_RELU("max(A, α·A)", "1(H > 0) + α·1(H ≤ 0)", "slope", 0.01, null),
    /**
     * f(A) = A ⊙ Φ(A), f′ = Φ(A) + A ⊙ φ(A), with Φ and φ the standard normal distribution and density: the erf form
     * ½a(1 + erf(a/√2)) of PyTorch's {@code GELU()}.
     */
    GELU("A ⊙ Φ(A)", "Φ(A) + A ⊙ φ(A)", null, 0, Smooth.GELU),
    /**
     * f(A) = ½·A ⊙ (1 + tanh(U)), f′ = ½·(1 + tanh(U)) + ½·A ⊙ (1 − tanh(U)²) ⊙ U′, with U = √(2/π)·(A + 0.044715·A³)
     * and U′ its derivative (PyTorch's {@code GELU(approximate='tanh')}).
     */
    GELU_TANH("½·A ⊙ (1 + tanh(U))", "½·(1 + tanh(U)) + ½·A ⊙ (1 − tanh(U)²) ⊙ U′", null, 0, Smooth.GELU_TANH),
    /** f(A) = A ⊙ σ(A), f′ = σ(A) ⊙ (1 + A ⊙ (1 − σ(A))) (PyTorch's {@code SiLU}, also called swish). */
    SILU("A ⊙ σ(A)", "σ(A) ⊙ (1 + A ⊙ (1 − σ(A)))", null, 0, Smooth.SILU),
    /** f(A) = max(A, 0) + α·(e^{min(A, 0)} − 1), f′ = 1(A > 0) + α·e^{A} ⊙ 1(A ≤ 0), α > 0 (PyTorch's {@code ELU}). */
    ELU("max(A, 0) + α·(e^{min(A, 0)} − 1)", "1(A > 0) + α·e^{A} ⊙ 1(A ≤ 0)", "alpha", 1.0, Smooth.ELU),
    /** f(A) = log(1 + e^{A}), f′ = σ(A); A itself above 20 (PyTorch's {@code Softplus()}: β 1, threshold 20). */
    SOFTPLUS("log(1 + e^{A})", "σ(A)", null, 0, Smooth.SOFTPLUS);

    private final String formula;
    private final String derivative;
    private final String parameterName;
    private final double defaultParameter;
    private final Smooth smooth;
    // Computed once: shape checks name the op on every call, and a training step must not allocate strings.
    private final String id = name().toLowerCase(Locale.ROOT);
    private final String backwardOp = id + " backward";
    private final String title = Arrays.stream(id.split("_"))
            .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());

    Activation(String formula, String derivative) {
        this(formula, derivative, null, 0, null);
    }

    Activation(String formula, String derivative, String parameterName, double defaultParameter, Smooth smooth) {
        this.formula = formula;
        this.derivative = derivative;
        this.parameterName = parameterName;
        this.defaultParameter = defaultParameter;
        this.smooth = smooth;
    }

    /** f applied to A in the seeds' notation, e.g. {@code tanh(A)}. */
    public String formula() {
        return formula;
    }

    /** f′ in terms of the output H (or the input A), e.g. {@code 1 − H²}. */
    public String derivative() {
        return derivative;
    }

    /** Lower-case name as used in model files and the command line (e.g. {@code leaky_relu}). */
    public String id() {
        return id;
    }

    /** The name in summaries, e.g. {@code LeakyRelu}. */
    public String title() {
        return title;
    }

    /** The op name shape errors of the backward pass report, e.g. {@code relu backward}. */
    String backwardOp() {
        return backwardOp;
    }

    /** Whether f′ is computed from the input x (the smooth activations) rather than from the output y. */
    public boolean needsInput() {
        return smooth != null;
    }

    /** The kernel of a smooth activation, null for the others. */
    Smooth smooth() {
        return smooth;
    }

    /** The name of the activation's parameter in files ({@code slope}, {@code alpha}), or null when it has none. */
    public String parameterName() {
        return parameterName;
    }

    /** The parameter's default (0.01 for leaky ReLU's slope, 1 for ELU's α; 0 when there is no parameter). */
    public double defaultParameter() {
        return defaultParameter;
    }

    /**
     * Returns {@code p}, or refuses a parameter outside the activation's domain: a leaky-ReLU slope outside (0, 1)
     * (f′ is read from the output's sign, which matches the input's only for a slope ≥ 0; 0 is ReLU), an ELU α that
     * is not positive and finite. The others ignore their parameter.
     *
     * @throws IllegalArgumentException naming the activation, the parameter and the value
     */
    public double checkParameter(double p) {
        boolean ok = switch (this) {
            case LEAKY_RELU -> p > 0 && p < 1;
            case ELU -> p > 0 && p < Double.POSITIVE_INFINITY;
            default -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException(id + " " + parameterName + " must "
                    + (this == ELU ? "be positive and finite" : "lie in (0, 1)") + ", got " + p);
        }
        return p;
    }

    /** The activation with the given {@link #id()}, case-insensitive. */
    public static Activation fromId(String id) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "'; expected one of "
                + Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", ")));
    }
}
