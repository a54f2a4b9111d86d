package dev.nabla.nn;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A {@link BatchNorm} layer: {@code {"type": "batch_norm", "momentum": 0.1, "eps": 1e-5}} (both optional, PyTorch's
 * defaults).
 *
 * @param momentum the weight m of a new batch in the running statistics, in [0, 1]
 * @param eps      ε > 0, added to the variance
 */
public record BatchNormSpec(double momentum, double eps) implements LayerSpec {
    static final double DEFAULT_MOMENTUM = 0.1;
    static final double DEFAULT_EPS = 1e-5;
    static final List<LayerKind> KINDS = List.of(new LayerKind("batch_norm", Set.of("momentum", "eps"),
            in -> new BatchNormSpec(in.number("momentum", DEFAULT_MOMENTUM), in.number("eps", DEFAULT_EPS))));

    public BatchNormSpec {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batch_norm momentum must lie in [0, 1], got " + momentum);
        }
        LayerNormSpec.checkEps("batch_norm", eps);
    }

    /** PyTorch's defaults, momentum 0.1 and ε 1e-5. */
    public BatchNormSpec() {
        this(DEFAULT_MOMENTUM, DEFAULT_EPS);
    }

    @Override
    public String type() {
        return "batch_norm";
    }

    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        return new BatchNorm(width, momentum, eps);
    }

    @Override
    public void write(SpecWriter out) {
        out.writeNumber("momentum", momentum);
        out.writeNumber("eps", eps);
    }

    /** Evaluation form: BatchNormalization with the running statistics, Y = (X − μ)/√(σ² + ε) ⊙ γ + β. */
    @Override
    public String onnx(OnnxNodes out, String input, int width) {
        return out.node("BatchNormalization", List.of(input, out.parameter("weight"), out.parameter("bias"),
                out.parameter("running_mean"), out.parameter("running_var")), Map.of("epsilon", eps));
    }

    @Override
    public String describe(int width) {
        return "BatchNorm(" + width + (momentum == DEFAULT_MOMENTUM && eps == DEFAULT_EPS ? ")"
                : ", m " + momentum + ", ε " + eps + ")");
    }
}
