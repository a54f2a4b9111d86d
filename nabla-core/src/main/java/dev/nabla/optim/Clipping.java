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
                sumOfSquares += sumOfSquares(p.grad());
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

    /**
     * Σ g² in float64 with eight running sums (element i into sum i mod 8), added in a fixed order at the end:
     * the same bits on every run and JIT tier, and eight times fewer dependent additions than one running sum,
     * which made the norm cost more than the rest of the update half.
     */
    private static double sumOfSquares(Tensor g) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int n = g.size();
        int i = 0;
        if (g.dtype() == DType.F32) {
            float[] v = g.floats();
            for (; i + 8 <= n; i += 8) {
                s0 += (double) v[i] * v[i];
                s1 += (double) v[i + 1] * v[i + 1];
                s2 += (double) v[i + 2] * v[i + 2];
                s3 += (double) v[i + 3] * v[i + 3];
                s4 += (double) v[i + 4] * v[i + 4];
                s5 += (double) v[i + 5] * v[i + 5];
                s6 += (double) v[i + 6] * v[i + 6];
                s7 += (double) v[i + 7] * v[i + 7];
            }
            for (; i < n; i++) {
                s0 += (double) v[i] * v[i];
            }
        } else {
            double[] v = g.doubles();
            for (; i + 8 <= n; i += 8) {
                s0 += v[i] * v[i];
                s1 += v[i + 1] * v[i + 1];
                s2 += v[i + 2] * v[i + 2];
                s3 += v[i + 3] * v[i + 3];
                s4 += v[i + 4] * v[i + 4];
                s5 += v[i + 5] * v[i + 5];
                s6 += v[i + 6] * v[i + 6];
                s7 += v[i + 7] * v[i + 7];
            }
            for (; i < n; i++) {
                s0 += v[i] * v[i];
            }
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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
