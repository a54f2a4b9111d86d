package dev.nabla.nn;

import dev.nabla.autograd.Variable;

/** Y = softmax of each row of X. For training, prefer logits with a fused softmax cross-entropy loss. */
public final class Softmax extends Module {
    @Override
    public Variable forward(Variable x) {
        return x.softmax();
    }

    @Override
    public LayerSpec spec() {
        return new SoftmaxSpec(false);
    }
}
