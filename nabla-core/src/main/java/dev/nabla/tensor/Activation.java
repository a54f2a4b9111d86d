package dev.nabla.tensor;

import dev.nabla.tensor.kernel.Smooth;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Pointwise activation functions f and their derivatives f′. The first five take f′ from the output y = f(x)
 * alone, so their forward results may overwrite their inputs; the smooth ones added later ({@link #needsInput()})
 * take it from x, which the op that applies them keeps. An activation may have one parameter (leaky ReLU's slope,
 * ELU's α), named as in its file form.
 */
public enum Activation {
    /** f(x) = x. */
    IDENTITY,
    /** f(x) = tanh x, f′ = 1 − y². */
    TANH,
    /** f(x) = σ(x) = 1/(1+e^{−x}), f′ = y(1 − y). */
    SIGMOID,
    /** f(x) = max(0, x), f′ = 1(x > 0). */
    RELU,
    /** f(x) = max(x, αx) for a slope 0 &lt; α &lt; 1, f′ = 1(x > 0) + α·1(x ≤ 0). */
    LEAKY_RELU("slope", 0.01, null),
    /** f(x) = x·Φ(x) = ½x(1 + erf(x/√2)), f′ = Φ(x) + x·φ(x) (PyTorch {@code GELU()}). */
    GELU(Smooth.GELU),
    /** f(x) = ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (PyTorch {@code GELU(approximate='tanh')}). */
    GELU_TANH(Smooth.GELU_TANH),
    /** f(x) = x·σ(x), f′ = σ(x)(1 + x(1 − σ(x))) (PyTorch {@code SiLU}, also called swish). */
    SILU(Smooth.SILU),
    /** f(x) = x for x > 0, α(eˣ − 1) otherwise, α > 0; f′ = 1(x > 0) + αeˣ·1(x ≤ 0) (PyTorch {@code ELU}). */
    ELU("alpha", 1.0, Smooth.ELU),
    /** f(x) = log(1 + eˣ), and x above 20; f′ = σ(x), and 1 above 20 (PyTorch {@code Softplus()}: β 1, threshold 20). */
    SOFTPLUS(Smooth.SOFTPLUS);

    private final String parameterName;
    private final double defaultParameter;
    private final Smooth smooth;
    // Computed once: shape checks name the op on every call, and a training step must not allocate strings.
    private final String id = name().toLowerCase(Locale.ROOT);
    private final String backwardOp = id + " backward";
    private final String title = Arrays.stream(id.split("_"))
            .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());

    Activation() {
        this(null, 0, null);
    }

    Activation(Smooth smooth) {
        this(null, 0, smooth);
    }

    Activation(String parameterName, double defaultParameter, Smooth smooth) {
        this.parameterName = parameterName;
        this.defaultParameter = defaultParameter;
        this.smooth = smooth;
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
