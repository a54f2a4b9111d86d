package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, as {@code torch.optim.SGD}: g = ∇θ + λθ, v ← μ·v + g,
 * θ ← θ − η·v (Nesterov: θ ← θ − η·(g + μ·v)); without momentum θ ← θ − η·g.
 *
 * <p>λ is the L2 weight decay (the gradient of λ/2·Σθ²), μ the momentum. As in PyTorch the velocity starts at
 * v = g on a parameter's first step. Settings chain: {@code new Sgd(params, 0.05).momentum(0.9).nesterov(true)}.
 * Each parameter is updated in one pass, and its velocity buffer is allocated on its first step, once.
 */
public final class Sgd extends Optimizer {
    private final double weightDecay;
    private double momentum;
    private boolean nesterov;
    /** Velocity per parameter (same index as {@link #parameters()}); null until that parameter's first step. */
    private final Tensor[] velocity;

    public Sgd(List<Variable> parameters, double learningRate) {
        this(parameters, learningRate, 0);
    }

    public Sgd(List<Variable> parameters, double learningRate, double weightDecay) {
        super(parameters, learningRate);
        this.weightDecay = requireNonNegative("weight decay", weightDecay);
        this.velocity = slot("momentum_buffer", false);
    }

    public double weightDecay() {
        return weightDecay;
    }

    public double momentum() {
        return momentum;
    }

    /** Sets the momentum μ ≥ 0 (0, the default, is plain SGD); returns this. */
    public Sgd momentum(double value) {
        requireNonNegative("momentum", value);
        if (value == 0 && nesterov) {
            throw new IllegalArgumentException("Nesterov momentum needs a momentum above zero; turn nesterov off first");
        }
        this.momentum = value;
        return this;
    }

    public boolean nesterov() {
        return nesterov;
    }

    /** Switches Nesterov momentum on or off; on needs a momentum above zero, so set {@link #momentum(double)} first. */
    public Sgd nesterov(boolean on) {
        if (on && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs a momentum above zero; set momentum(μ) first");
        }
        this.nesterov = on;
        return this;
    }

    @Override
    protected void update(int i, Variable p) {
        double eta = learningRate();
        if (momentum == 0) {
            // θ ← (1 − ηλ)·θ − η·∇θ
            Pointwise.axpby(1 - eta * weightDecay, p.data(), -eta, p.grad(), p.data());
            return;
        }
        if (velocity[i] == null) {
            // v starts at 0, so the first step sets v = μ·0 + g = g, which is PyTorch's initial clone of g.
            velocity[i] = zerosLike(p);
        }
        if (p.data().dtype() == DType.F32) {
            stepF32(p.data().floats(), p.grad().floats(), velocity[i].floats(), eta);
        } else {
            stepF64(p.data().doubles(), p.grad().doubles(), velocity[i].doubles(), eta);
        }
    }

    private void stepF32(float[] theta, float[] grad, float[] v, double eta) {
        float lambda = (float) weightDecay;
        float mu = (float) momentum;
        float lr = (float) eta;
        for (int j = 0; j < theta.length; j++) {
            float g = grad[j] + lambda * theta[j];
            float vj = mu * v[j] + g;
            v[j] = vj;
            theta[j] -= lr * (nesterov ? g + mu * vj : vj);
        }
    }

    private void stepF64(double[] theta, double[] grad, double[] v, double eta) {
        for (int j = 0; j < theta.length; j++) {
            double g = grad[j] + weightDecay * theta[j];
            double vj = momentum * v[j] + g;
            v[j] = vj;
            theta[j] -= eta * (nesterov ? g + momentum * vj : vj);
        }
    }
}
