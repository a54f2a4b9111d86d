package dev.nabla.autograd;

import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Normalization;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;

/** Batch and layer normalisation and dropout, each forward with its backward rule beneath it. */
final class NormOps {
    private NormOps() {
    }

    private static final Formula BN_TRAIN = Formula.of("batchNorm", "X, W, b",
            "X̂ = (X − 1·μᵀ) ⊙ 1·rᵀ; A = X̂ ⊙ 1·Wᵀ + 1·bᵀ; H = f(A)",
            "Ā = H̄ ⊙ f′; X̄ = 1·(W ⊙ r)ᵀ ⊙ (Ā − 1·(Āᵀ·1)ᵀ/N − X̂ ⊙ 1·((Ā ⊙ X̂)ᵀ·1)ᵀ/N); W̄ = (Ā ⊙ X̂)ᵀ·1; b̄ = Āᵀ·1");
    private static final Formula BN_TRAIN_MASKED = Formula.of("batchNorm", "X, W, b",
            "X̂ = (X − 1·μᵀ) ⊙ 1·rᵀ; A = X̂ ⊙ 1·Wᵀ + 1·bᵀ; H = f(A) ⊙ M",
            "Ā = (H̄ ⊙ M) ⊙ f′; X̄ = 1·(W ⊙ r)ᵀ ⊙ (Ā − 1·(Āᵀ·1)ᵀ/N − X̂ ⊙ 1·((Ā ⊙ X̂)ᵀ·1)ᵀ/N); W̄ = (Ā ⊙ X̂)ᵀ·1; b̄ = Āᵀ·1");
    private static final Formula BN_EVAL = Formula.of("batchNorm", "X, W, b",
            "X̂ = (X − 1·μᵀ) ⊙ 1·rᵀ; A = X̂ ⊙ 1·Wᵀ + 1·bᵀ; H = f(A)",
            "Ā = H̄ ⊙ f′; X̄ = 1·(W ⊙ r)ᵀ ⊙ Ā; W̄ = (Ā ⊙ X̂)ᵀ·1; b̄ = Āᵀ·1");
    private static final Formula BN_EVAL_MASKED = Formula.of("batchNorm", "X, W, b",
            "X̂ = (X − 1·μᵀ) ⊙ 1·rᵀ; A = X̂ ⊙ 1·Wᵀ + 1·bᵀ; H = f(A) ⊙ M",
            "Ā = (H̄ ⊙ M) ⊙ f′; X̄ = 1·(W ⊙ r)ᵀ ⊙ Ā; W̄ = (Ā ⊙ X̂)ᵀ·1; b̄ = Āᵀ·1");
    private static final Formula[] BN_TEMPLATES = {BN_EVAL, BN_EVAL_MASKED, BN_TRAIN, BN_TRAIN_MASKED};
    private static final java.util.List<java.util.Map<Activation, Formula>> BN_BY_F = java.util.Arrays.stream(BN_TEMPLATES)
            .map(NormOps::byActivation).toList();

    private static java.util.Map<Activation, Formula> byActivation(Formula generic) {
        java.util.Map<Activation, Formula> out = new java.util.EnumMap<>(Activation.class);
        for (Activation f : Activation.values()) {
            out.put(f, generic.withActivation("batchNorm", f.formula(), f.derivative()));
        }
        return out;
    }

    /**
     * Batch norm with activation f and dropout mask M fused: r = 1/√(σ² + ε) per feature, with the batch's mean μ and
     * biased variance σ² in training (the running statistics updated in place), the running ones otherwise; W = γ,
     * b = β; f the identity and M all ones (null) for plain batch norm. In training:
     * X̂ = (X − 1·μᵀ) ⊙ 1·rᵀ; A = X̂ ⊙ 1·Wᵀ + 1·bᵀ; H = f(A) ⊙ M.
     * Backward: Ā = (H̄ ⊙ M) ⊙ f′; X̄ = 1·(W ⊙ r)ᵀ ⊙ (Ā − 1·(Āᵀ·1)ᵀ/N − X̂ ⊙ 1·((Ā ⊙ X̂)ᵀ·1)ᵀ/N); W̄ = (Ā ⊙ X̂)ᵀ·1; b̄ = Āᵀ·1.
     * Without a mask: X̂ = (X − 1·μᵀ) ⊙ 1·rᵀ; A = X̂ ⊙ 1·Wᵀ + 1·bᵀ; H = f(A), and
     * Ā = H̄ ⊙ f′; X̄ = 1·(W ⊙ r)ᵀ ⊙ (Ā − 1·(Āᵀ·1)ᵀ/N − X̂ ⊙ 1·((Ā ⊙ X̂)ᵀ·1)ᵀ/N); W̄ = (Ā ⊙ X̂)ᵀ·1; b̄ = Āᵀ·1.
     * In evaluation μ and r are constants, so X̄ = 1·(W ⊙ r)ᵀ ⊙ Ā: Ā = (H̄ ⊙ M) ⊙ f′; X̄ = 1·(W ⊙ r)ᵀ ⊙ Ā; W̄ = (Ā ⊙ X̂)ᵀ·1; b̄ = Āᵀ·1,
     * and without a mask Ā = H̄ ⊙ f′; X̄ = 1·(W ⊙ r)ᵀ ⊙ Ā; W̄ = (Ā ⊙ X̂)ᵀ·1; b̄ = Āᵀ·1.
     */
    static Variable batchNorm(Variable input, Variable weight, Variable bias, Tensor runningMean, Tensor runningVar,
            double momentum, double eps, boolean training, Activation f, double p, Tensor mask) {
        Tensor x = input.data();
        Shapes.requireMatrix("batch norm", x);
        if (training && x.rows() < 2) {
            throw new IllegalArgumentException("batch norm in training needs more than one row per batch to "
                    + "estimate a variance, got " + x.shapeString());
        }
        Tensor r = Workspace.temporaryLike(runningMean, false);
        Tensor mean = runningMean;
        if (training) {
            mean = Workspace.temporaryLike(runningMean, false);
            Tensor variance = Workspace.temporaryLike(runningVar, false);
            Normalization.batchStatistics(x, eps, mean, variance, r);
            Normalization.updateRunning(mean, variance, x.rows(), momentum, runningMean, runningVar);
        } else {
            Normalization.inverseStd(runningVar, eps, r);
        }
        Tensor xhat = Workspace.temporaryLike(x, false);
        Tensor u = Workspace.temporaryLike(x, false);
        Normalization.normalizeColumns(x, mean, r, weight.data(), bias.data(), xhat, u);
        Tensor y = u;
        if (f.needsInput()) {
            y = Workspace.temporaryLike(x, false);
            Pointwise.activate(f, p, u, y);
        } else if (f != Activation.IDENTITY) {
            Pointwise.activate(f, p, u, u);
        }
        Tensor activated = y;
        if (mask != null) {
            y = Workspace.temporaryLike(x, false);
            Pointwise.mul(activated, mask, y, false);
        }
        Formula formula = BN_BY_F.get((training ? 2 : 0) + (mask != null ? 1 : 0)).get(f);
        return Variable.fromOp(formula, y, g -> {
            Tensor gu = g;
            if (mask != null) {
                gu = Workspace.temporaryLike(g, false);
                Pointwise.mul(g, mask, gu, false);
            }
            if (f != Activation.IDENTITY) {
                Tensor dy = gu;
                gu = dy == g ? Workspace.temporaryLike(g, false) : dy; // in place over the masked gradient
                Pointwise.activationBackward(f, p, u, activated, dy, gu, false);
            }
            Tensor s1 = Workspace.temporaryLike(r, false);
            Tensor s2 = Workspace.temporaryLike(r, false);
            Tensor dx = input.requiresGrad() ? input.gradBuffer() : Workspace.temporaryLike(x, false);
            Normalization.batchNormBackward(gu, xhat, weight.data(), r, training, s1, s2, dx, input.requiresGrad());
            if (weight.requiresGrad()) {
                Pointwise.axpy(1, s2, weight.gradBuffer());
            }
            if (bias.requiresGrad()) {
                Pointwise.axpy(1, s1, bias.gradBuffer());
            }
        }, input, weight, bias);
    }

    private static final Formula LAYER_NORM = Formula.of("layerNorm", "X, W, b",
            "X̂ = (X − μ·1ᵀ) ⊙ r·1ᵀ; Y = X̂ ⊙ 1·Wᵀ + 1·bᵀ",
            "X̄ = (r·1ᵀ) ⊙ (Ȳ ⊙ 1·Wᵀ − ((Ȳ ⊙ 1·Wᵀ)·1/C)·1ᵀ − X̂ ⊙ (((Ȳ ⊙ 1·Wᵀ) ⊙ X̂)·1/C)·1ᵀ); W̄ = (Ȳ ⊙ X̂)ᵀ·1; b̄ = Ȳᵀ·1");

    /**
     * Layer norm over each row's C features, μ and r = 1/√(σ² + ε) per row, W = γ, b = β:
     * X̂ = (X − μ·1ᵀ) ⊙ r·1ᵀ; Y = X̂ ⊙ 1·Wᵀ + 1·bᵀ.
     * Backward: X̄ = (r·1ᵀ) ⊙ (Ȳ ⊙ 1·Wᵀ − ((Ȳ ⊙ 1·Wᵀ)·1/C)·1ᵀ − X̂ ⊙ (((Ȳ ⊙ 1·Wᵀ) ⊙ X̂)·1/C)·1ᵀ); W̄ = (Ȳ ⊙ X̂)ᵀ·1; b̄ = Ȳᵀ·1.
     */
    static Variable layerNorm(Variable input, Variable weight, Variable bias, double eps) {
        Tensor x = input.data();
        Shapes.requireMatrix("layer norm", x);
        Tensor xhat = Workspace.temporaryLike(x, false);
        Tensor r = Workspace.temporary(x.dtype(), 1, 1, x.rows(), false);
        Tensor y = Workspace.temporaryLike(x, false);
        Normalization.layerNorm(x, weight.data(), bias.data(), eps, xhat, r, y);
        return Variable.fromOp(LAYER_NORM, y, g -> {
            Tensor dx = input.requiresGrad() ? input.gradBuffer() : Workspace.temporaryLike(x, false);
            Tensor dgamma = weight.requiresGrad() ? weight.gradBuffer() : Workspace.temporaryLike(weight.data(), true);
            Tensor dbeta = bias.requiresGrad() ? bias.gradBuffer() : Workspace.temporaryLike(bias.data(), true);
            Normalization.layerNormBackward(g, xhat, weight.data(), r, dgamma, dbeta, dx, input.requiresGrad());
        }, input, weight, bias);
    }

    private static final Formula DROPOUT = Formula.of("dropout", "X", "Y = X ⊙ M", "X̄ = Ȳ ⊙ M");

    /** Inverted dropout Y = X ⊙ M, M the mask of (seed, step): 1/(1 − p) where kept, 0 where dropped. Backward: X̄ = Ȳ ⊙ M. */
    static Variable dropout(Variable input, double rate, long seed, long step, int[] rows) {
        Tensor x = input.data();
        Tensor mask = Workspace.temporaryLike(x, false);
        Normalization.dropoutMask(seed, step, rate, mask, rows);
        Tensor y = Workspace.temporaryLike(x, false);
        Pointwise.mul(x, mask, y, false);
        return Variable.fromOp(DROPOUT, y, g -> Pointwise.mul(g, mask, input.gradBuffer(), true), input);
    }
}
