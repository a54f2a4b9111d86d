package dev.nabla.autograd;

import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;

/** Elementwise ops and full reductions, each forward with its backward rule beneath it. */
final class PointwiseOps {
    private PointwiseOps() {
    }

    /**
     * C = A + s·B for s = ±1, where B has A's shape or is a row vector broadcast over A's rows.
     * Backward: Ā += C̄; B̄ += s·C̄, or s·C̄ᵀ1 when B was broadcast.
     */
    static Variable add(Variable a, Variable b, double sign) {
        Tensor x = a.data();
        Tensor y = b.data();
        String op = sign > 0 ? "add" : "sub";
        boolean broadcast = !x.sameShape(y);
        Tensor out = Workspace.temporaryLike(x, false);
        if (broadcast) {
            Shapes.requireRowVector(op, x, y);
            if (sign > 0) {
                Linalg.addRow(x, y, out);
            } else {
                Tensor negated = Workspace.temporaryLike(y, false);
                Pointwise.axpby(-1, y, 0, y, negated);
                Linalg.addRow(x, negated, out);
            }
        } else {
            Pointwise.axpby(1, x, sign, y, out);
        }
        return Variable.fromOp(op, out, g -> {
            if (a.requiresGrad()) {
                Pointwise.axpy(1, g, a.gradBuffer());
            }
            if (b.requiresGrad()) {
                if (broadcast) {
                    Tensor sums = Workspace.temporaryLike(y, false);
                    Linalg.columnSums(g, sums, false);
                    Pointwise.axpy(sign, sums, b.gradBuffer());
                } else {
                    Pointwise.axpy(sign, g, b.gradBuffer());
                }
            }
        }, a, b);
    }

    /** C = A ⊙ B. Backward: Ā += C̄ ⊙ B, B̄ += C̄ ⊙ A. */
    static Variable mul(Variable a, Variable b) {
        Tensor x = a.data();
        Tensor y = b.data();
        Tensor out = Workspace.temporaryLike(x, false);
        Pointwise.mul(x, y, out, false);
        return Variable.fromOp("mul", out, g -> {
            if (a.requiresGrad()) {
                Pointwise.mul(g, y, a.gradBuffer(), true);
            }
            if (b.requiresGrad()) {
                Pointwise.mul(g, x, b.gradBuffer(), true);
            }
        }, a, b);
    }

    /** C = α·A. Backward: Ā += α·C̄. */
    static Variable scale(Variable a, double alpha) {
        Tensor out = Workspace.temporaryLike(a.data(), false);
        Pointwise.axpby(alpha, a.data(), 0, a.data(), out);
        return Variable.fromOp("scale", out, g -> Pointwise.axpy(alpha, g, a.gradBuffer()), a);
    }

    /** s = α·Σ A (α = 1 for sum, 1/size for mean). Backward: Ā += α·s̄·1. */
    static Variable sum(Variable a, double alpha) {
        Tensor out = Workspace.temporary(a.data().dtype(), 1, 1, 1, false);
        out.set(0, alpha * Pointwise.sum(a.data()));
        return Variable.fromOp(alpha == 1 ? "sum" : "mean", out,
                g -> Pointwise.fill(alpha * g.get(0), a.gradBuffer(), true), a);
    }

    /**
     * Y = f(X) elementwise. Backward: X̄ += Ȳ ⊙ f′, with f′ taken from Y (e.g. Ḡ = H̄ ⊙ (1 − tanh²G)) or, for the
     * smooth activations, from X.
     */
    static Variable activation(Variable a, Activation f, double p) {
        Tensor x = a.data();
        Tensor y = Workspace.temporaryLike(x, false);
        Pointwise.activate(f, p, x, y);
        return Variable.fromOp(f.id(), y, g -> Pointwise.activationBackward(f, p, x, y, g, a.gradBuffer(), true), a);
    }
}
