package dev.nabla.autograd;

import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.ShapeException;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;

/** Matrix products and the fused linear layer, each forward with its backward rule beneath it. */
final class MatMulOps {
    private MatMulOps() {
    }

    /** The four products, indexed by {@link #variant}. */
    private static final Formula[] MATMUL = {
        Formula.of("matmul", "A, B", "C = A·B", "Ā = C̄·Bᵀ; B̄ = Aᵀ·C̄"),
        Formula.of("matmul", "A, B", "C = A·Bᵀ", "Ā = C̄·B; B̄ = C̄ᵀ·A"),
        Formula.of("matmul", "A, B", "C = Aᵀ·B", "Ā = B·C̄ᵀ; B̄ = A·C̄"),
        Formula.of("matmul", "A, B", "C = Aᵀ·Bᵀ", "Ā = Bᵀ·C̄ᵀ; B̄ = C̄ᵀ·Aᵀ"),
    };

    private static int variant(boolean ta, boolean tb) {
        return (ta ? 2 : 0) + (tb ? 1 : 0);
    }

    /**
     * C = op(A)·op(B), the transposes taken as GEMM flags, never as copies. Backward:
     * C = A·B: Ā = C̄·Bᵀ, B̄ = Aᵀ·C̄;
     * C = A·Bᵀ: Ā = C̄·B, B̄ = C̄ᵀ·A;
     * C = Aᵀ·B: Ā = B·C̄ᵀ, B̄ = A·C̄;
     * C = Aᵀ·Bᵀ: Ā = Bᵀ·C̄ᵀ, B̄ = C̄ᵀ·Aᵀ.
     */
    static Variable matmul(Variable a, boolean ta, Variable b, boolean tb) {
        Tensor x = a.data();
        Tensor y = b.data();
        Shapes.requireMatrix("matmul", x);
        Shapes.requireMatrix("matmul", y);
        int m = ta ? x.cols() : x.rows();
        int n = tb ? y.rows() : y.cols();
        Tensor out = Workspace.temporary(x.dtype(), 2, m, n, false);
        Linalg.matmul(x, ta, y, tb, 1, 0, out);
        return Variable.fromOp(MATMUL[variant(ta, tb)], out, g -> {
            if (a.requiresGrad()) {
                // Ā = C̄·op(B)ᵀ, or its transpose when A was used transposed.
                if (ta) {
                    Linalg.matmul(y, tb, g, true, 1, 1, a.gradBuffer());
                } else {
                    Linalg.matmul(g, false, y, !tb, 1, 1, a.gradBuffer());
                }
            }
            if (b.requiresGrad()) {
                // B̄ = op(A)ᵀ·C̄, or its transpose when B was used transposed.
                if (tb) {
                    Linalg.matmul(g, true, x, ta, 1, 1, b.gradBuffer());
                } else {
                    Linalg.matmul(x, !ta, g, false, 1, 1, b.gradBuffer());
                }
            }
        }, a, b);
    }

    private static final Formula LINEAR = Formula.of("linear", "X, W, b",
            "A = X·Wᵀ + 1·bᵀ", "W̄ = Āᵀ·X; b̄ = Āᵀ·1; X̄ = Ā·W");
    private static final Formula LINEAR_NO_BIAS = Formula.of("linear", "X, W", "A = X·Wᵀ", "W̄ = Āᵀ·X; X̄ = Ā·W");
    private static final Formula FUSED = Formula.of("linear", "X, W, b",
            "A = X·Wᵀ + 1·bᵀ; H = f(A)", "Ā = H̄ ⊙ f′; W̄ = Āᵀ·X; b̄ = Āᵀ·1; X̄ = Ā·W");
    private static final Formula FUSED_NO_BIAS = Formula.of("linear", "X, W",
            "A = X·Wᵀ; H = f(A)", "Ā = H̄ ⊙ f′; W̄ = Āᵀ·X; X̄ = Ā·W");
    private static final java.util.Map<Activation, Formula> FUSED_BY_F = fused(FUSED);
    private static final java.util.Map<Activation, Formula> FUSED_NO_BIAS_BY_F = fused(FUSED_NO_BIAS);

    private static java.util.Map<Activation, Formula> fused(Formula generic) {
        java.util.Map<Activation, Formula> out = new java.util.EnumMap<>(Activation.class);
        for (Activation f : Activation.values()) {
            out.put(f, generic.withActivation("linear", f.formula(), f.derivative()));
        }
        return out;
    }

    /**
     * H = f(A) with A = X·Wᵀ + 1·bᵀ, W of shape out × in (the UMONS seed's G = XUᵀ + 1bᵀ, H = tanh G), in one node:
     * A is never stored. Backward: Ā = H̄ ⊙ f′; W̄ = Āᵀ·X; b̄ = Āᵀ·1; X̄ = Ā·W, with f and f′ those of
     * {@link Activation}. For the identity, A = X·Wᵀ + 1·bᵀ with W̄ = Āᵀ·X; b̄ = Āᵀ·1; X̄ = Ā·W; without a bias,
     * A = X·Wᵀ and no b̄.
     */
    static Variable linear(Variable input, Variable weight, Variable bias, Activation f, double slope) {
        Tensor x = input.data();
        Tensor w = weight.data();
        Shapes.requireMatrix("linear", x);
        Shapes.requireMatrix("linear", w);
        if (x.cols() != w.cols()) {
            throw new ShapeException("linear: input " + x.shapeString() + " has " + x.cols()
                    + " features, the weight " + w.shapeString() + " expects " + w.cols());
        }
        Tensor y = Workspace.temporary(x.dtype(), 2, x.rows(), w.rows(), false);
        Linalg.matmul(x, false, w, true, 1, 0, y);
        if (bias != null) {
            Pointwise.addRowActivate(f, slope, y, bias.data());
        } else {
            Pointwise.activate(f, slope, y, y);
        }
        Backward rule = g -> {
            Tensor gz = g;
            if (f != Activation.IDENTITY) {
                gz = Workspace.temporaryLike(y, false);
                Pointwise.activationBackward(f, slope, y, g, gz, false);
            }
            if (weight.requiresGrad()) {
                Linalg.matmul(gz, true, x, false, 1, 1, weight.gradBuffer());
            }
            if (bias != null && bias.requiresGrad()) {
                Linalg.columnSums(gz, bias.gradBuffer(), true);
            }
            if (input.requiresGrad()) {
                Linalg.matmul(gz, false, w, false, 1, 1, input.gradBuffer());
            }
        };
        if (f == Activation.IDENTITY) {
            return bias == null ? Variable.fromOp(LINEAR_NO_BIAS, y, rule, input, weight)
                    : Variable.fromOp(LINEAR, y, rule, input, weight, bias);
        }
        return bias == null ? Variable.fromOp(FUSED_NO_BIAS_BY_F.get(f), y, rule, input, weight)
                : Variable.fromOp(FUSED_BY_F.get(f), y, rule, input, weight, bias);
    }
}
