package dev.nabla.nn;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/** A {@link LayerNorm} layer: {@code {"type": "layer_norm", "eps": 1e-5}} ({@code eps} optional). */
public record LayerNormSpec(double eps) implements LayerSpec {
    static final double DEFAULT_EPS = 1e-5;
    static final List<LayerKind> KINDS = List.of(new LayerKind("layer_norm", Set.of("eps"),
            in -> new LayerNormSpec(in.number("eps", DEFAULT_EPS))));

    public LayerNormSpec {
        checkEps("layer_norm", eps);
    }

    /** ε 1e-5, PyTorch's default. */
    public LayerNormSpec() {
        this(DEFAULT_EPS);
    }

    static void checkEps(String type, double eps) {
        if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(type + " eps must be positive and finite, got " + eps);
        }
    }

    @Override
    public String type() {
        return "layer_norm";
    }

    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        return new LayerNorm(width, eps);
    }

    @Override
    public void write(SpecWriter out) {
        out.writeNumber("eps", eps);
    }

    /** LayerNormalization over each row (axis −1), with the learned scale and shift. */
    @Override
    public String onnx(OnnxNodes out, String input, int width) {
        return out.node("LayerNormalization", List.of(input, out.parameter("weight"), out.parameter("bias")),
                Map.of("axis", -1L, "epsilon", eps));
    }

    @Override
    public String describe(int width) {
        return "LayerNorm(" + width + (eps == DEFAULT_EPS ? ")" : ", eps " + eps + ")");
    }
}
