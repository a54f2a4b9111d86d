package dev.nabla.tensor;

/**
 * Pointwise activation functions f and their derivatives f′, which every one of them can compute from
 * its output y = f(x) alone — so forward results may overwrite their inputs.
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
    LEAKY_RELU;

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
