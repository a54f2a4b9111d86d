package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Adagrad (Duchi et al. 2011) as {@code torch.optim.Adagrad}: g = ∇θ + λθ, s ← s + g², θ ← θ − η̃·g/(√s + ε)
 * with η̃ = η/(1 + (t−1)·δ), t the parameter's step count and δ the learning-rate decay.
 *
 * <p>Defaults are PyTorch's: η = 1e-2, δ = 0, λ = 0, initial accumulator s₀ = 0, ε = 1e-10. State slots
 * {@code step} and {@code sum}. Arithmetic in double, state in the parameter's dtype.
 */
public final class Adagrad extends Optimizer {
    private double eps = 1e-10;
    private double weightDecay;
    private double learningRateDecay;
    private double initialAccumulator;
    private final Tensor[] steps;
    private final Tensor[] sums;

    /** Adagrad with PyTorch's default learning rate 1e-2. */
    public Adagrad(List<Variable> parameters) {
        this(parameters, 1e-2);
    }

    public Adagrad(List<Variable> parameters, double learningRate) {
        super(parameters, learningRate);
        steps = slot("step", true);
        sums = slot("sum", false);
    }

    /** Sets ε > 0, added to √s; returns this. */
    public Adagrad eps(double value) {
        this.eps = requirePositive("eps", value);
        return this;
    }

    /** Sets the L2 weight decay λ ≥ 0 (λθ added to the gradient); returns this. */
    public Adagrad weightDecay(double value) {
        this.weightDecay = requireNonNegative("weight decay", value);
        return this;
    }

    /** Sets the learning-rate decay δ ≥ 0 (PyTorch's {@code lr_decay}); returns this. */
    public Adagrad learningRateDecay(double value) {
        this.learningRateDecay = requireNonNegative("learning rate decay", value);
        return this;
    }

    /** Sets s₀ ≥ 0, the value the accumulator starts from (PyTorch's {@code initial_accumulator_value}); returns this. */
    public Adagrad initialAccumulator(double value) {
        this.initialAccumulator = requireNonNegative("initial accumulator", value);
        return this;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public double learningRateDecay() {
        return learningRateDecay;
    }

    public double initialAccumulator() {
        return initialAccumulator;
    }

    @Override
    protected void update(int i, Variable p) {
        if (sums[i] == null) {
            steps[i] = counter();
            sums[i] = zerosLike(p);
            for (int j = 0; j < sums[i].size(); j++) {
                sums[i].set(j, initialAccumulator);
            }
        }
        double t = steps[i].get(0) + 1;
        steps[i].set(0, t);
        double eta = learningRate() / (1 + (t - 1) * learningRateDecay);
        if (p.data().dtype() == DType.F32) {
            float[] theta = p.data().floats();
            float[] grad = p.grad().floats();
            float[] s = sums[i].floats();
            for (int j = 0; j < theta.length; j++) {
                double g = grad[j] + weightDecay * theta[j];
                double sj = s[j] + g * g;
                s[j] = (float) sj;
                theta[j] = (float) (theta[j] - eta * g / (Math.sqrt(sj) + eps));
            }
        } else {
            double[] theta = p.data().doubles();
            double[] grad = p.grad().doubles();
            double[] s = sums[i].doubles();
            for (int j = 0; j < theta.length; j++) {
                double g = grad[j] + weightDecay * theta[j];
                s[j] += g * g;
                theta[j] -= eta * g / (Math.sqrt(s[j]) + eps);
            }
        }
    }
}
