package dev.nabla.explain;

import dev.nabla.tensor.Tensor;

/**
 * One tensor of an explanation: the input X, the target, a parameter, a value computed on the way (G, H, …) or the
 * loss, with its symbol, its gradient's symbol, its shape and, after the pass, its value and gradient.
 */
public final class Term {
    /** What the tensor is. */
    public enum Kind { INPUT, TARGET, PARAMETER, VALUE, LOSS }

    private final String key;
    private final String symbol;
    private final String gradient;
    private final Kind kind;
    private final String stateName;
    private final String shape;
    private Tensor value;
    private Tensor grad;

    Term(String key, Notation notation, Kind kind, String stateName, String shape) {
        this.key = key;
        this.symbol = notation.symbol(key);
        this.gradient = notation.gradient(key);
        this.kind = kind;
        this.stateName = stateName;
        this.shape = shape;
    }

    /** Nabla's default symbol (W₁, A₂, …), the key of notations. */
    public String key() {
        return key;
    }

    /** The symbol printed. */
    public String symbol() {
        return symbol;
    }

    /** The symbol of ∂L/∂(this). */
    public String gradient() {
        return gradient;
    }

    public Kind kind() {
        return kind;
    }

    /** The parameter's name in the state dict ({@code 0.weight}), or null. */
    public String stateName() {
        return stateName;
    }

    /** The shape as printed: {@code N×3}, {@code 3×2}, {@code 3} for a vector, {@code 1×1} for the loss. */
    public String shape() {
        return shape;
    }

    /** The value in the explained pass, or null when the pass keeps none. */
    public Tensor value() {
        return value;
    }

    /** ∂L/∂(this) in the explained pass, or null. */
    public Tensor grad() {
        return grad;
    }

    void values(Tensor value, Tensor grad) {
        this.value = value;
        this.grad = grad;
    }

    @Override
    public String toString() {
        return symbol + " (" + shape + ")";
    }
}
