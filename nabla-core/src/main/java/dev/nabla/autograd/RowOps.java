package dev.nabla.autograd;

import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;

/** Row-wise softmax and log-softmax, each forward with its backward rule beneath it. */
final class RowOps {
    private RowOps() {
    }

    /** Y = softmax(X) per row. Backward: X̄ += Y ⊙ (Ȳ − (Ȳ ⊙ Y)1). */
    static Variable softmax(Variable a) {
        Tensor y = Workspace.temporaryLike(a.data(), false);
        Linalg.softmax(a.data(), y);
        return Variable.fromOp("softmax", y, g -> Linalg.softmaxBackward(y, g, a.gradBuffer(), true), a);
    }

    /** Y = log softmax(X) per row. Backward: X̄ += Ȳ − softmax(X)·(Ȳ1). */
    static Variable logSoftmax(Variable a) {
        Tensor y = Workspace.temporaryLike(a.data(), false);
        Linalg.logSoftmax(a.data(), y);
        return Variable.fromOp("logSoftmax", y, g -> Linalg.logSoftmaxBackward(y, g, a.gradBuffer(), true), a);
    }
}
