package dev.nabla.autograd;

import dev.nabla.tensor.Tensor;

/**
 * The backward rule of one op: given the gradient Ȳ of the op's output, adds each input's share of it
 * into that input's gradient (obtained with {@link Variable#gradBuffer()}). Called at most once per
 * {@link Variable#backward()}, after every consumer of the output has contributed to Ȳ.
 */
@FunctionalInterface
public interface Backward {
    void apply(Tensor outputGrad);
}
