package dev.nabla.tensor;

/**
 * Pointwise activation functions f and their derivatives f′, which every one of them can compute from
 * its output H = f(A) alone — so forward results may overwrite their inputs. Each declares f applied to A and f′
 * in the seeds' notation (the equations of {@code nabla explain}); its Javadoc states the same two.
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
    LEAKY_RELU("max(A, α·A)", "1(H > 0) + α·1(H ≤ 0)");

    private final String formula;
    private final String derivative;

    Activation(String formula, String derivative) {
        this.formula = formula;
        this.derivative = derivative;
    }

    /** f applied to A in the seeds' notation, e.g. {@code tanh(A)}. */
    public String formula() {
        return formula;
    }

    /** f′ in terms of the output H (or the input A), e.g. {@code 1 − H²}. */
    public String derivative() {
        return derivative;
    }

    // Computed once: shape checks name the op on every call, and a training step must not allocate strings.
    private final String id = name().toLowerCase(java.util.Locale.ROOT);
    private final String backwardOp = id + " backward";
    private final String title = java.util.Arrays.stream(id.split("_"))
            .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(java.util.stream.Collectors.joining());

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

    /** The activation with the given {@link #id()}, case-insensitive. */
    public static Activation fromId(String id) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "'; expected one of identity, tanh, "
                + "sigmoid, relu, leaky_relu");
    }
}
