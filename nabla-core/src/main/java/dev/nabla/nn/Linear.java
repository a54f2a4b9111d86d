package dev.nabla.nn;

import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Y = X·Wᵀ + 1bᵀ, with W of shape out × in and b of shape [out] (the UMONS seed's G = XUᵀ + 1bᵀ).
 * Shape: X [N, in] → Y [N, out]. Parameters {@code weight} and {@code bias}, as in PyTorch.
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Init init;

    /** A float32 layer with Xavier/Glorot-uniform weights and zero bias. */
    public Linear(int in, int out, RandomGenerator rng) {
        this(in, out, true, Init.XAVIER_UNIFORM, rng);
    }

    /** A float32 layer with the given initialiser; {@code bias = false} leaves b out (Y = X·Wᵀ). */
    public Linear(int in, int out, boolean bias, Init init, RandomGenerator rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear needs positive sizes, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.init = init;
        Tensor w = Tensor.zeros(DType.F32, out, in);
        init.fill(w, in, out, rng);
        registerParameter("weight", Variable.parameter(w));
        if (bias) {
            registerParameter("bias", Variable.parameter(Tensor.zeros(DType.F32, out)));
        }
    }

    /** A layer holding the given weight [out, in] and bias [out] (or null), used as they are. */
    public Linear(Tensor weight, Tensor bias) {
        this.in = weight.cols();
        this.out = weight.rows();
        this.init = null;
        if (weight.rank() != 2 || (bias != null && (bias.rank() != 1 || bias.size() != out
                || bias.dtype() != weight.dtype()))) {
            throw new IllegalArgumentException("Linear needs weight [out, in] and bias [out] of one dtype, got "
                    + weight.shapeString() + " and " + (bias == null ? "no bias" : bias.shapeString()));
        }
        registerParameter("weight", Variable.parameter(weight));
        if (bias != null) {
            registerParameter("bias", Variable.parameter(bias));
        }
    }

    @Override
    public Variable forward(Variable x) {
        return Functional.linear(x, weight(), bias());
    }

    /** W, of shape [out, in]. */
    public Variable weight() {
        return parameter("weight");
    }

    /** b, of shape [out], or null when the layer has no bias. */
    public Variable bias() {
        return parameter("bias");
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    /** The initialiser the weights were drawn with (null when they were given). */
    @Override
    public LinearSpec spec() {
        return new LinearSpec(out, bias() != null, init);
    }
}
