package dev.nabla.nn;

import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * Batch normalisation over the features of a batch, PyTorch's {@code BatchNorm1d}: Y = γ ⊙ (X − μ)/√(σ² + ε) + β, with
 * the batch's mean μ and biased variance σ² in training and the running statistics in evaluation. Each training
 * forward moves them: μ_run ← (1 − m)·μ_run + m·μ, σ²_run ← (1 − m)·σ²_run + m·σ²·N/(N − 1) (the unbiased variance).
 * Shape: X [N, features] → Y [N, features]; training needs N ≥ 2.
 *
 * <p>State dict, as PyTorch's: parameters {@code weight} (γ, ones) and {@code bias} (β, zeros); buffers
 * {@code running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked}, the number of training
 * forwards — a 0-dim tensor of the module's dtype here (PyTorch: int64, and its {@code load_state_dict} casts it),
 * exact up to 2²⁴ batches in float32.
 */
public final class BatchNorm extends Module {
    private final BatchNormSpec spec;

    /** PyTorch's defaults: momentum 0.1, ε 1e-5. */
    public BatchNorm(int features) {
        this(features, BatchNormSpec.DEFAULT_MOMENTUM, BatchNormSpec.DEFAULT_EPS);
    }

    public BatchNorm(int features, double momentum, double eps) {
        if (features <= 0) {
            throw new IllegalArgumentException("batch norm needs at least one feature, got " + features);
        }
        this.spec = new BatchNormSpec(momentum, eps);
        registerParameter("weight", Variable.parameter(Tensor.full(DType.F32, 1, features)));
        registerParameter("bias", Variable.parameter(Tensor.zeros(DType.F32, features)));
        registerBuffer("running_mean", Tensor.zeros(DType.F32, features));
        registerBuffer("running_var", Tensor.full(DType.F32, 1, features));
        registerBuffer("num_batches_tracked", Tensor.zeros(DType.F32));
    }

    @Override
    public Variable forward(Variable x) {
        return forward(x, Activation.IDENTITY, 0, null);
    }

    /**
     * Y = dropout(f(BN(X))) as one graph node: {@link Sequential} fuses a following activation and dropout (may be
     * null) this way.
     */
    Variable forward(Variable x, Activation f, double p, Dropout dropout) {
        boolean training = isTraining();
        Tensor mask = dropout == null ? null : dropout.nextMask(x.data());
        Variable y = Functional.batchNorm(x, parameter("weight"), parameter("bias"), buffer("running_mean"),
                buffer("running_var"), spec.momentum(), spec.eps(), training, f, p, mask);
        if (training) {
            Tensor count = buffer("num_batches_tracked");
            count.set(0, count.get(0) + 1);
        }
        return y;
    }

    @Override
    public BatchNormSpec spec() {
        return spec;
    }
}
