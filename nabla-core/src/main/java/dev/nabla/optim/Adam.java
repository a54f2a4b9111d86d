package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) as {@code torch.optim.Adam}: g = ∇θ + λθ, m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), t the parameter's step count.
 *
 * <p>Defaults are PyTorch's: η = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0. The weight decay is L2 added to the
 * gradient (not AdamW's decoupled decay). Settings chain: {@code new Adam(params).betas(0.9, 0.99).eps(1e-7)}.
 * The moment buffers m and v have the parameter's dtype, are allocated on its first step, once, and each
 * parameter is updated in one pass.
 */
public sealed class Adam extends Optimizer permits AdamW {
    /** AdamW's decoupled decay θ ← θ − ηλθ instead of the L2 term λθ in the gradient. */
    private final boolean decoupled;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private final Tensor[] firstMoment;
    private final Tensor[] secondMoment;
    private final Tensor[] steps;

    /** Adam with PyTorch's default learning rate 1e-3. */
    public Adam(List<Variable> parameters) {
        this(parameters, 1e-3);
    }

    public Adam(List<Variable> parameters, double learningRate) {
        this(parameters, learningRate, false);
    }

    Adam(List<Variable> parameters, double learningRate, boolean decoupled) {
        super(parameters, learningRate);
        this.decoupled = decoupled;
        steps = slot("step", true);
        firstMoment = slot("exp_avg", false);
        secondMoment = slot("exp_avg_sq", false);
    }

    /** Sets the moment decay rates β₁, β₂, each in [0, 1); returns this. */
    public Adam betas(double beta1, double beta2) {
        this.beta1 = requireBeta("beta1", beta1);
        this.beta2 = requireBeta("beta2", beta2);
        return this;
    }

    /** Sets ε > 0, added to √v̂ to keep the step finite; returns this. */
    public Adam eps(double value) {
        this.eps = requirePositive("eps", value);
        return this;
    }

    /** Sets the weight decay λ ≥ 0 (Adam: L2 in the gradient; AdamW: decoupled); returns this. */
    public Adam weightDecay(double value) {
        this.weightDecay = requireNonNegative("weight decay", value);
        return this;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected void update(int i, Variable p) {
        if (firstMoment[i] == null) {
            steps[i] = counter();
            firstMoment[i] = zerosLike(p);
            secondMoment[i] = zerosLike(p);
        }
        double t = steps[i].get(0) + 1;
        steps[i].set(0, t);
        // Folding the bias corrections into two scalars keeps the per-element loop to one sqrt and one divide.
        double stepSize = learningRate() / (1 - Math.pow(beta1, t));
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
        // Decoupled: θ is first shrunk by (1 − ηλ) and the gradient carries no L2 term; coupled: the reverse.
        double shrink = decoupled ? 1 - learningRate() * weightDecay : 1;
        double l2 = decoupled ? 0 : weightDecay;
        if (p.data().dtype() == DType.F32) {
            stepF32(p.data().floats(), p.grad().floats(), firstMoment[i].floats(), secondMoment[i].floats(),
                    stepSize, sqrtCorrection2, shrink, l2);
        } else {
            stepF64(p.data().doubles(), p.grad().doubles(), firstMoment[i].doubles(), secondMoment[i].doubles(),
                    stepSize, sqrtCorrection2, shrink, l2);
        }
    }

    /** θ ← shrink·θ − stepSize·m/(√v/sqrtCorrection2 + ε), which equals η·m̂/(√v̂ + ε); arithmetic in double. */
    private void stepF32(float[] theta, float[] grad, float[] m, float[] v, double stepSize, double sqrtCorrection2,
                         double shrink, double l2) {
        for (int j = 0; j < theta.length; j++) {
            double g = grad[j] + l2 * theta[j];
            double mj = beta1 * m[j] + (1 - beta1) * g;
            double vj = beta2 * v[j] + (1 - beta2) * g * g;
            m[j] = (float) mj;
            v[j] = (float) vj;
            theta[j] = (float) (shrink * theta[j] - stepSize * mj / (Math.sqrt(vj) / sqrtCorrection2 + eps));
        }
    }

    private void stepF64(double[] theta, double[] grad, double[] m, double[] v, double stepSize, double sqrtCorrection2,
                         double shrink, double l2) {
        for (int j = 0; j < theta.length; j++) {
            double g = grad[j] + l2 * theta[j];
            double mj = beta1 * m[j] + (1 - beta1) * g;
            double vj = beta2 * v[j] + (1 - beta2) * g * g;
            m[j] = mj;
            v[j] = vj;
            theta[j] = shrink * theta[j] - stepSize * mj / (Math.sqrt(vj) / sqrtCorrection2 + eps);
        }
    }

    private static double requireBeta(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1), got " + value);
        }
        return value;
    }
}
