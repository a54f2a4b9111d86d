package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * RMSProp (Hinton 2012) as {@code torch.optim.RMSprop}: g = ∇θ + λθ, v ← αv + (1−α)g², θ ← θ − η·g/(√v + ε);
 * centred, with ḡ ← αḡ + (1−α)g, the denominator is √(v − ḡ²) + ε; with momentum μ > 0, b ← μb + g/(√· + ε)
 * and θ ← θ − η·b.
 *
 * <p>Defaults are PyTorch's: η = 1e-2, α = 0.99, ε = 1e-8, λ = 0, μ = 0, not centred. State slots {@code step},
 * {@code square_avg}, and {@code momentum_buffer} with momentum, {@code grad_avg} when centred. Settings chain:
 * {@code new RmsProp(params, 1e-3).momentum(0.9).centered(true)}. Arithmetic in double, state in the parameter's
 * dtype.
 */
public final class RmsProp extends Optimizer {
    private static final String MOMENTUM_BUFFER = "momentum_buffer";
    private static final String GRAD_AVG = "grad_avg";

    private double alpha = 0.99;
    private double eps = 1e-8;
    private double weightDecay;
    private double momentum;
    private boolean centered;
    private final Tensor[] steps;
    private final Tensor[] squareAvg;
    private Tensor[] momentumBuffer;
    private Tensor[] gradAvg;

    /** RMSProp with PyTorch's default learning rate 1e-2. */
    public RmsProp(List<Variable> parameters) {
        this(parameters, 1e-2);
    }

    public RmsProp(List<Variable> parameters, double learningRate) {
        super(parameters, learningRate);
        steps = slot("step", true);
        squareAvg = slot("square_avg", false);
    }

    /** Sets the smoothing constant α ∈ [0, 1) of the squared-gradient average; returns this. */
    public RmsProp alpha(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("alpha must lie in [0, 1), got " + value);
        }
        this.alpha = value;
        return this;
    }

    /** Sets ε > 0, added to the root of the average; returns this. */
    public RmsProp eps(double value) {
        this.eps = requirePositive("eps", value);
        return this;
    }

    /** Sets the L2 weight decay λ ≥ 0 (λθ added to the gradient); returns this. */
    public RmsProp weightDecay(double value) {
        this.weightDecay = requireNonNegative("weight decay", value);
        return this;
    }

    /** Sets the momentum μ ≥ 0 (0, the default, updates without a buffer); returns this. */
    public RmsProp momentum(double value) {
        this.momentum = requireNonNegative("momentum", value);
        if (momentum > 0) {
            momentumBuffer = slot(MOMENTUM_BUFFER, false);
        } else {
            dropSlot(MOMENTUM_BUFFER);
            momentumBuffer = null;
        }
        return this;
    }

    /** Divides by an estimate of the gradient's variance instead of its second moment; returns this. */
    public RmsProp centered(boolean value) {
        this.centered = value;
        if (value) {
            gradAvg = slot(GRAD_AVG, false);
        } else {
            dropSlot(GRAD_AVG);
            gradAvg = null;
        }
        return this;
    }

    public double alpha() {
        return alpha;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public double momentum() {
        return momentum;
    }

    public boolean centered() {
        return centered;
    }

    @Override
    protected void update(int i, Variable p) {
        if (squareAvg[i] == null) {
            steps[i] = counter();
            squareAvg[i] = zerosLike(p);
        }
        if (momentumBuffer != null && momentumBuffer[i] == null) {
            momentumBuffer[i] = zerosLike(p);
        }
        if (gradAvg != null && gradAvg[i] == null) {
            gradAvg[i] = zerosLike(p);
        }
        steps[i].set(0, steps[i].get(0) + 1);
        Tensor theta = p.data();
        Tensor b = momentumBuffer == null ? null : momentumBuffer[i];
        Tensor gbar = gradAvg == null ? null : gradAvg[i];
        if (theta.dtype() == DType.F32) {
            stepF32(theta.floats(), p.grad().floats(), squareAvg[i].floats(), b == null ? null : b.floats(),
                    gbar == null ? null : gbar.floats());
        } else {
            stepF64(theta.doubles(), p.grad().doubles(), squareAvg[i].doubles(), b == null ? null : b.doubles(),
                    gbar == null ? null : gbar.doubles());
        }
    }

    private void stepF32(float[] theta, float[] grad, float[] v, float[] b, float[] gbar) {
        double eta = learningRate();
        for (int j = 0; j < theta.length; j++) {
            double g = grad[j] + weightDecay * theta[j];
            double vj = alpha * v[j] + (1 - alpha) * g * g;
            v[j] = (float) vj;
            double variance = vj;
            if (gbar != null) {
                double mean = alpha * gbar[j] + (1 - alpha) * g;
                gbar[j] = (float) mean;
                variance = vj - mean * mean;
            }
            double scaled = g / (Math.sqrt(variance) + eps);
            if (b != null) {
                scaled = momentum * b[j] + scaled;
                b[j] = (float) scaled;
            }
            theta[j] = (float) (theta[j] - eta * scaled);
        }
    }

    private void stepF64(double[] theta, double[] grad, double[] v, double[] b, double[] gbar) {
        double eta = learningRate();
        for (int j = 0; j < theta.length; j++) {
            double g = grad[j] + weightDecay * theta[j];
            double vj = alpha * v[j] + (1 - alpha) * g * g;
            v[j] = vj;
            double variance = vj;
            if (gbar != null) {
                double mean = alpha * gbar[j] + (1 - alpha) * g;
                gbar[j] = mean;
                variance = vj - mean * mean;
            }
            double scaled = g / (Math.sqrt(variance) + eps);
            if (b != null) {
                scaled = momentum * b[j] + scaled;
                b[j] = scaled;
            }
            theta[j] -= eta * scaled;
        }
    }
}
