package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Gradient clipping before an optimiser step, as {@code torch.nn.utils}: by value, gᵢ ← clamp(gᵢ, −c, c); then by
 * the global L2 norm over all parameters, g ← g·min(1, M/(‖g‖₂ + 1e-6)). Either limit is off when 0.
 *
 * @param maxNorm  M ≥ 0, the largest global norm ({@code clip_grad_norm_}'s {@code max_norm}); 0: no norm clipping
 * @param maxValue c ≥ 0, the largest |gᵢ| ({@code clip_grad_value_}'s {@code clip_value}); 0: no value clipping
 */
public record Clipping(double maxNorm, double maxValue) {
    /** No clipping. */
    public static final Clipping NONE = new Clipping(0, 0);

    public Clipping {
        Optimizer.requireNonNegative("clip norm", maxNorm);
        Optimizer.requireNonNegative("clip value", maxValue);
    }

    /** Whether either limit is on. */
    public boolean active() {
        return maxNorm > 0 || maxValue > 0;
    }

    /**
     * Clips the gradients of {@code parameters} in place (value first, then norm); returns their global L2 norm
     * before norm clipping (after value clipping), or NaN when norm clipping is off.
     */
    public double apply(List<Variable> parameters) {
        if (maxValue > 0) {
            clipGradValue(parameters, maxValue);
        }
        return maxNorm > 0 ? clipGradNorm(parameters, maxNorm) : Double.NaN;
    }

    /**
     * g ← g·min(1, M/(‖g‖₂ + 1e-6)) with ‖g‖₂ over all gradients together ({@code clip_grad_norm_}); modifies the
     * gradients, skips parameters without one; returns ‖g‖₂ before clipping.
     */
    public static double clipGradNorm(List<Variable> parameters, double maxNorm) {
        double sumOfSquares = 0;
        for (Variable p : parameters) {
            if (p.grad() != null) {
                sumOfSquares += Pointwise.sumOfSquares(p.grad());
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) {
            for (Variable p : parameters) {
                if (p.grad() != null) {
                    Pointwise.axpby(coefficient, p.grad(), 0, p.grad(), p.grad());
                }
            }
        }
        return norm;
    }

    /** gᵢ ← clamp(gᵢ, −c, c) ({@code clip_grad_value_}); modifies the gradients, skips parameters without one. */
    public static void clipGradValue(List<Variable> parameters, double clipValue) {
        for (Variable p : parameters) {
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            if (g.dtype() == DType.F32) {
                float[] v = g.floats();
                float c = (float) clipValue;
                for (int i = 0; i < g.size(); i++) {
                    v[i] = Math.max(-c, Math.min(c, v[i]));
                }
            } else {
                double[] v = g.doubles();
                for (int i = 0; i < g.size(); i++) {
                    v[i] = Math.max(-clipValue, Math.min(clipValue, v[i]));
                }
            }
        }
    }
}
