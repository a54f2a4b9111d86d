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

    /**
     * Y = f(γ ⊙ X̂ + β) ⊙ M, X̂ = (X − 1μᵀ) ⊙ 1rᵀ, r = 1/√(σ² + ε), with the batch's μ and biased σ² in training (and
     * the running statistics updated in place) or the running ones otherwise; f the identity and M all ones (null)
     * for plain batch norm, M a dropout mask otherwise. Backward, with U = γ ⊙ X̂ + β and Ū = (Ȳ ⊙ M) ⊙ f′(U):
     * β̄ += Ūᵀ1, γ̄ += (Ū ⊙ X̂)ᵀ1, and X̄ += γ ⊙ r ⊙ (Ū − 1(Ūᵀ1)ᵀ/N − X̂ ⊙ 1((Ū ⊙ X̂)ᵀ1)ᵀ/N) with batch statistics,
     * X̄ += γ ⊙ r ⊙ Ū without.
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
        return Variable.fromOp("batchNorm", y, g -> {
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

    /**
     * Y = γ ⊙ X̂ + β per row, X̂_i = (x_i − μ_i)·r_i, r_i = 1/√(σ²_i + ε) over the row's features. Backward, with
     * Ĝ = Ȳ ⊙ 1γᵀ and C features: β̄ += Ȳᵀ1, γ̄ += (Ȳ ⊙ X̂)ᵀ1, x̄_i += r_i·(ĝ_i − mean(ĝ_i) − x̂_i·mean(ĝ_i ⊙ x̂_i)).
     */
    static Variable layerNorm(Variable input, Variable weight, Variable bias, double eps) {
        Tensor x = input.data();
        Shapes.requireMatrix("layer norm", x);
        Tensor xhat = Workspace.temporaryLike(x, false);
        Tensor r = Workspace.temporary(x.dtype(), 1, 1, x.rows(), false);
        Tensor y = Workspace.temporaryLike(x, false);
        Normalization.layerNorm(x, weight.data(), bias.data(), eps, xhat, r, y);
        return Variable.fromOp("layerNorm", y, g -> {
            Tensor dx = input.requiresGrad() ? input.gradBuffer() : Workspace.temporaryLike(x, false);
            Tensor dgamma = weight.requiresGrad() ? weight.gradBuffer() : Workspace.temporaryLike(weight.data(), true);
            Tensor dbeta = bias.requiresGrad() ? bias.gradBuffer() : Workspace.temporaryLike(bias.data(), true);
            Normalization.layerNormBackward(g, xhat, weight.data(), r, dgamma, dbeta, dx, input.requiresGrad());
        }, input, weight, bias);
    }

    /** Y = X ⊙ M, M the inverted dropout mask of (seed, step): 1/(1 − p) where kept, 0 where dropped. Backward: X̄ += Ȳ ⊙ M. */
    static Variable dropout(Variable input, double rate, long seed, long step) {
        Tensor x = input.data();
        Tensor mask = Workspace.temporaryLike(x, false);
        Normalization.dropoutMask(seed, step, rate, mask);
        Tensor y = Workspace.temporaryLike(x, false);
        Pointwise.mul(x, mask, y, false);
        return Variable.fromOp("dropout", y, g -> Pointwise.mul(g, mask, input.gradBuffer(), true), input);
    }
}
