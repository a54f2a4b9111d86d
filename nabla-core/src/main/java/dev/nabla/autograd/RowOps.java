package dev.nabla.autograd;

import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;

/** Row-wise softmax and log-softmax, each forward with its backward rule beneath it. */
final class RowOps {
    private RowOps() {
    }

    private static final Formula SOFTMAX = Formula.of("softmax", "A", "P = softmax(A)", "Ā = P ⊙ (P̄ − (P̄ ⊙ P)·1·1ᵀ)");
    private static final Formula LOG_SOFTMAX = Formula.of("logSoftmax", "A", "P = log softmax(A)",
            "Ā = P̄ − exp(P) ⊙ (P̄·1·1ᵀ)");

    /** P = softmax(A), each row. Backward: Ā = P ⊙ (P̄ − (P̄ ⊙ P)·1·1ᵀ) (row sums spread over the row). */
    static Variable softmax(Variable a) {
        Tensor y = Workspace.temporaryLike(a.data(), false);
        Linalg.softmax(a.data(), y);
        return Variable.fromOp(SOFTMAX, y, g -> Linalg.softmaxBackward(y, g, a.gradBuffer(), true), a);
    }

    /** P = log softmax(A), each row. Backward: Ā = P̄ − exp(P) ⊙ (P̄·1·1ᵀ), where exp(P) = softmax(A). */
    static Variable logSoftmax(Variable a) {
        Tensor y = Workspace.temporaryLike(a.data(), false);
        Linalg.logSoftmax(a.data(), y);
        return Variable.fromOp(LOG_SOFTMAX, y, g -> Linalg.logSoftmaxBackward(y, g, a.gradBuffer(), true), a);
    }
}
