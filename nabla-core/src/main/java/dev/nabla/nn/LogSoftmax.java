package dev.nabla.nn;

import dev.nabla.autograd.Variable;

/** Y = log softmax of each row of X, computed with max subtraction. */
public final class LogSoftmax extends Module {
    @Override
    public Variable forward(Variable x) {
        return x.logSoftmax();
    }

    @Override
    public LayerSpec spec() {
        return new SoftmaxSpec(true);
    }
}
