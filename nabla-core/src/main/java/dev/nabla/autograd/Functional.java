package dev.nabla.autograd;

import dev.nabla.tensor.Activation;

/** Fused ops that layers are built from; each is one graph node with one backward rule. */
public final class Functional {
    private Functional() {
    }

    /** Y = f(X) elementwise (X itself for the identity); {@code p} is f's parameter (leaky ReLU's slope, ELU's α). */
    public static Variable activation(Variable x, Activation f, double p) {
        return f == Activation.IDENTITY ? x : PointwiseOps.activation(x, f, p);
    }

    /** Y = X·Wᵀ + 1bᵀ, W of shape out × in, b of shape [out] or null for no bias. */
    public static Variable linear(Variable x, Variable weight, Variable bias) {
        return MatMulOps.linear(x, weight, bias, Activation.IDENTITY, 0);
    }

    /** Y = f(X·Wᵀ + 1bᵀ) in one node: the bias add and activation fused forward and backward. */
    public static Variable linear(Variable x, Variable weight, Variable bias, Activation f, double p) {
        return MatMulOps.linear(x, weight, bias, f, p);
    }
}
