package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019) as {@code torch.optim.AdamW}: θ ← θ − ηλθ, then
 * the {@link Adam} step from g = ∇θ (no L2 term in the gradient, so the decay is not rescaled by √v̂).
 *
 * <p>Defaults are PyTorch's: η = 1e-3, β = (0.9, 0.999), ε = 1e-8 and λ = 1e-2 (Adam's is 0). State slots
 * {@code step}, {@code exp_avg}, {@code exp_avg_sq}, as Adam's.
 */
public final class AdamW extends Adam {
    /** PyTorch's default decoupled weight decay. */
    public static final double DEFAULT_WEIGHT_DECAY = 1e-2;

    /** AdamW with PyTorch's defaults: learning rate 1e-3, weight decay 1e-2. */
    public AdamW(List<Variable> parameters) {
        this(parameters, 1e-3);
    }

    public AdamW(List<Variable> parameters, double learningRate) {
        super(parameters, learningRate, true);
        weightDecay(DEFAULT_WEIGHT_DECAY);
    }
}
