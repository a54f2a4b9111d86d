package dev.nabla.autograd;

import dev.nabla.tensor.Activation;

/** Fused ops that layers are built from; each is one graph node with one backward rule. */
public final class Functional {
    private static final ThreadLocal<int[]> UNFUSED_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Functional() {
    }

    /**
     * Until the returned scope is closed, {@link #linear(Variable, Variable, Variable, Activation, double)} records
     * the product and the activation as two nodes on this thread, so that the pre-activation A and its gradient Ā
     * are kept: the same equations in the same order, with every value visible (what {@code nabla explain --values}
     * prints). Scopes nest.
     */
    public static Grad.Scope unfused() {
        int[] depth = UNFUSED_DEPTH.get();
        depth[0]++;
        return new Grad.Scope(depth);
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
        if (f != Activation.IDENTITY && UNFUSED_DEPTH.get()[0] > 0) {
            return PointwiseOps.activation(MatMulOps.linear(x, weight, bias, Activation.IDENTITY, 0), f, slope);
        }
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
