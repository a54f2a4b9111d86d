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

    /**
     * C = op(A)·op(B). Backward for C = A·B: Ā += C̄·Bᵀ, B̄ += Aᵀ·C̄; the transposed forms follow by
     * transposing these products, always as GEMM flags.
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
        return Variable.fromOp("matmul", out, g -> {
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

    /**
     * Y = f(X·Wᵀ + 1bᵀ), with W of shape out × in (the UMONS seed's G = XUᵀ + 1bᵀ, H = tanh G).
     * Backward: Z̄ = Ȳ ⊙ f′, W̄ += Z̄ᵀ·X, b̄ += Z̄ᵀ1, X̄ += Z̄·W. For an activation whose f′ needs its input the
     * pre-activation Z = X·Wᵀ + 1bᵀ is kept beside Y; the others overwrite it.
     */
    static Variable linear(Variable input, Variable weight, Variable bias, Activation f, double p) {
        Tensor x = input.data();
        Tensor w = weight.data();
        Shapes.requireMatrix("linear", x);
        Shapes.requireMatrix("linear", w);
        if (x.cols() != w.cols()) {
            throw new ShapeException("linear: input " + x.shapeString() + " has " + x.cols()
                    + " features, the weight " + w.shapeString() + " expects " + w.cols());
        }
        Tensor z = Workspace.temporary(x.dtype(), 2, x.rows(), w.rows(), false);
        Linalg.matmul(x, false, w, true, 1, 0, z);
        Tensor y = z;
        if (f.needsInput()) {
            if (bias != null) {
                Linalg.addRow(z, bias.data(), z);
            }
            y = Workspace.temporaryLike(z, false);
            Pointwise.activate(f, p, z, y);
        } else if (bias != null) {
            Pointwise.addRowActivate(f, p, y, bias.data());
        } else {
            Pointwise.activate(f, p, y, y);
        }
        Tensor out = y;
        Backward rule = g -> {
            Tensor gz = g;
            if (f != Activation.IDENTITY) {
                gz = Workspace.temporaryLike(out, false);
                Pointwise.activationBackward(f, p, z, out, g, gz, false);
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
        return bias == null
                ? Variable.fromOp("linear", y, rule, input, weight)
                : Variable.fromOp("linear", y, rule, input, weight, bias);
    }
}
