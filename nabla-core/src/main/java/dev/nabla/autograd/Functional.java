package dev.nabla.autograd;

import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Tensor;

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
        if (f != Activation.IDENTITY && UNFUSED_DEPTH.get()[0] > 0) {
            return PointwiseOps.activation(MatMulOps.linear(x, weight, bias, Activation.IDENTITY, 0), f, p);
        }
        return MatMulOps.linear(x, weight, bias, f, p);
    }

    /**
     * Batch normalisation, PyTorch's {@code F.batch_norm}: Y = γ ⊙ (X − μ)/√(σ² + ε) + β per feature, with the batch's
     * mean and biased variance in training — which also moves the running statistics, μ_run ← (1 − m)·μ_run + m·μ
     * and σ²_run ← (1 − m)·σ²_run + m·σ²·N/(N − 1) — and the running statistics otherwise.
     *
     * @param runningMean     μ_run [features], updated in place in training
     * @param runningVar      σ²_run [features], updated in place in training
     * @param momentum        m, the weight of the new batch in the running statistics
     * @throws IllegalArgumentException in training with fewer than two rows (no variance to estimate)
     */
    public static Variable batchNorm(Variable x, Variable weight, Variable bias, Tensor runningMean, Tensor runningVar,
            double momentum, double eps, boolean training) {
        return NormOps.batchNorm(x, weight, bias, runningMean, runningVar, momentum, eps, training,
                Activation.IDENTITY, 0, null);
    }

    /**
     * Y = f(batchNorm(X)) ⊙ M in one node: the batch norm of the other overload, then activation f (parameter p)
     * and dropout by the mask M (1/(1 − p) where kept, 0 where dropped; null for none), fused forward and backward.
     */
    public static Variable batchNorm(Variable x, Variable weight, Variable bias, Tensor runningMean, Tensor runningVar,
            double momentum, double eps, boolean training, Activation f, double p, Tensor mask) {
        return NormOps.batchNorm(x, weight, bias, runningMean, runningVar, momentum, eps, training, f, p, mask);
    }

    /** Layer normalisation, PyTorch's {@code F.layer_norm} over the last dimension: Y = γ ⊙ (x_i − μ_i)/√(σ²_i + ε) + β per row. */
    public static Variable layerNorm(Variable x, Variable weight, Variable bias, double eps) {
        return NormOps.layerNorm(x, weight, bias, eps);
    }

    /**
     * Inverted dropout in training: Y = X ⊙ M with M_ij = 1/(1 − p) with probability 1 − p and 0 otherwise, drawn
     * from a generator that depends on (seed, step) and the element's index only — the same mask for the same three,
     * whatever the thread count.
     *
     * @param rate p in [0, 1)
     */
    public static Variable dropout(Variable x, double rate, long seed, long step) {
        return NormOps.dropout(x, rate, seed, step, null);
    }

    /**
     * {@link #dropout(Variable, double, long, long)} on rows of a larger batch: row i of X takes row {@code rows[i]}
     * of the mask the whole batch would draw (a data-parallel replica's share of a batch draws the whole batch's masks
     * for its rows).
     */
    public static Variable dropout(Variable x, double rate, long seed, long step, int[] rows) {
        return NormOps.dropout(x, rate, seed, step, rows);
    }

    /**
     * Y = [X without the code columns | W₁[c₁] | W₂[c₂] | …]: learned embeddings of the integer-coded columns
     * {@code columns} of X, table k of shape [codes_k, dimension_k], appended after the other columns.
     */
    public static Variable embed(Variable x, int[] columns, Variable... tables) {
        return EmbeddingOps.embed(x, columns, tables);
    }
}
