package dev.nabla.nn;

import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * Layer normalisation over each row's features, PyTorch's {@code LayerNorm(features)}:
 * y_i = γ ⊙ (x_i − μ_i)/√(σ²_i + ε) + β, μ_i and the biased σ²_i over row i, the same in training and evaluation.
 * Shape: X [N, features] → Y [N, features]. Parameters {@code weight} (γ, ones) and {@code bias} (β, zeros).
 */
public final class LayerNorm extends Module {
    private final LayerNormSpec spec;

    /** ε 1e-5, PyTorch's default. */
    public LayerNorm(int features) {
        this(features, LayerNormSpec.DEFAULT_EPS);
    }

    public LayerNorm(int features, double eps) {
        if (features <= 0) {
            throw new IllegalArgumentException("layer norm needs at least one feature, got " + features);
        }
        this.spec = new LayerNormSpec(eps);
        registerParameter("weight", Variable.parameter(Tensor.full(DType.F32, 1, features)));
        registerParameter("bias", Variable.parameter(Tensor.zeros(DType.F32, features)));
    }

    @Override
    public Variable forward(Variable x) {
        return Functional.layerNorm(x, parameter("weight"), parameter("bias"), spec.eps());
    }

    @Override
    public LayerNormSpec spec() {
        return spec;
    }
}
