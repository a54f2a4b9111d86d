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

    private static final Formula ADD = Formula.of("add", "A, B", "S = A + B", "Ā = S̄; B̄ = S̄");
    private static final Formula ADD_ROW = Formula.of("add", "A, b", "S = A + 1·bᵀ", "Ā = S̄; b̄ = S̄ᵀ·1");
    private static final Formula SUB = Formula.of("sub", "A, B", "C = A − B", "Ā = C̄; B̄ = −C̄");
    private static final Formula SUB_ROW = Formula.of("sub", "A, b", "C = A − 1·bᵀ", "Ā = C̄; b̄ = −C̄ᵀ·1");

    /**
     * S = A + B or C = A − B, where B has A's shape or is a row vector b broadcast over A's rows (S = A + 1·bᵀ,
     * C = A − 1·bᵀ). Backward of the sum: Ā = S̄; B̄ = S̄, or b̄ = S̄ᵀ·1 when b was broadcast; of the difference:
     * Ā = C̄; B̄ = −C̄, or b̄ = −C̄ᵀ·1.
     */
    static Variable add(Variable a, Variable b, double sign) {
        Tensor x = a.data();
        Tensor y = b.data();
        boolean broadcast = !x.sameShape(y);
        Formula formula = sign > 0 ? (broadcast ? ADD_ROW : ADD) : (broadcast ? SUB_ROW : SUB);
        String op = formula.op();
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
        return Variable.fromOp(formula, out, g -> {
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

    private static final Formula MUL = Formula.of("mul", "A, B", "C = A ⊙ B", "Ā = C̄ ⊙ B; B̄ = C̄ ⊙ A");

    /** C = A ⊙ B. Backward: Ā = C̄ ⊙ B; B̄ = C̄ ⊙ A. */
    static Variable mul(Variable a, Variable b) {
        Tensor x = a.data();
        Tensor y = b.data();
        Tensor out = Workspace.temporaryLike(x, false);
        Pointwise.mul(x, y, out, false);
        return Variable.fromOp(MUL, out, g -> {
            if (a.requiresGrad()) {
                Pointwise.mul(g, y, a.gradBuffer(), true);
            }
            if (b.requiresGrad()) {
                Pointwise.mul(g, x, b.gradBuffer(), true);
            }
        }, a, b);
    }

    private static final Formula SCALE = Formula.of("scale", "A", "C = α·A", "Ā = α·C̄");

    /** C = α·A. Backward: Ā = α·C̄. */
    static Variable scale(Variable a, double alpha) {
        Tensor out = Workspace.temporaryLike(a.data(), false);
        Pointwise.axpby(alpha, a.data(), 0, a.data(), out);
        return Variable.fromOp(SCALE, out, g -> Pointwise.axpy(alpha, g, a.gradBuffer()), a);
    }

    private static final Formula SUM = Formula.of("sum", "A", "s = Σ A", "Ā = s̄·1·1ᵀ");
    private static final Formula MEAN = Formula.of("mean", "A", "s = (1/n)·Σ A", "Ā = (s̄/n)·1·1ᵀ");

    /**
     * s = Σ A, or its mean s = (1/n)·Σ A over the n elements. Backward: Ā = s̄·1·1ᵀ, or Ā = (s̄/n)·1·1ᵀ for the
     * mean (1·1ᵀ: a matrix of ones).
     */
    static Variable sum(Variable a, double alpha) {
        Tensor out = Workspace.temporary(a.data().dtype(), 1, 1, 1, false);
        out.set(0, alpha * Pointwise.sum(a.data()));
        return Variable.fromOp(alpha == 1 ? SUM : MEAN, out,
                g -> Pointwise.fill(alpha * g.get(0), a.gradBuffer(), true), a);
    }

    private static final Formula ACTIVATION = Formula.of("activation", "A", "H = f(A)", "Ā = H̄ ⊙ f′");
    private static final java.util.Map<Activation, Formula> BY_F = new java.util.EnumMap<>(Activation.class);

    static {
        for (Activation f : Activation.values()) {
            BY_F.put(f, ACTIVATION.withActivation(f.id(), f.formula(), f.derivative()));
        }
    }

    /**
     * H = f(A) elementwise. Backward: Ā = H̄ ⊙ f′, with f and f′ those of {@link Activation}, f′ computed from H
     * (the UMONS seed's Ḡ = H̄ ⊙ (1 − H²)).
     */
    static Variable activation(Variable a, Activation f, double slope) {
        Tensor y = Workspace.temporaryLike(a.data(), false);
        Pointwise.activate(f, slope, a.data(), y);
        return Variable.fromOp(BY_F.get(f), y, g -> Pointwise.activationBackward(f, slope, y, g, a.gradBuffer(), true), a);
    }
}
