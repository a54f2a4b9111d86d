package dev.nabla.autograd;

import dev.nabla.tensor.Activation;

/** Fused ops that layers are built from; each is one graph node with one backward rule. */
public final class Functional {
    private Functional() {
    }

    /** Y = f(X) elementwise (X itself for the identity); {@code slope} is the leaky-ReLU slope. */
    public static Variable activation(Variable x, Activation f, double slope) {
        return f == Activation.IDENTITY ? x : PointwiseOps.activation(x, f, slope);
    }

    /** Y = X·Wᵀ + 1bᵀ, W of shape out × in, b of shape [out] or null for no bias. */
    public static Variable linear(Variable x, Variable weight, Variable bias) {
        return MatMulOps.linear(x, weight, bias, Activation.IDENTITY, 0);
    }

    /** Y = f(X·Wᵀ + 1bᵀ) in one node: the bias add and activation fused forward and backward. */
    public static Variable linear(Variable x, Variable weight, Variable bias, Activation f, double slope) {
        return MatMulOps.linear(x, weight, bias, f, slope);
    }

    /**
     * Y = [X without the code columns | W₁[c₁] | W₂[c₂] | …]: learned embeddings of the integer-coded columns
     * {@code columns} of X, table k of shape [codes_k, dimension_k], appended after the other columns.
     */
    public static Variable embed(Variable x, int[] columns, Variable... tables) {
        return EmbeddingOps.embed(x, columns, tables);
    }
}
