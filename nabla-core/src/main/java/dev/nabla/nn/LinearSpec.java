package dev.nabla.nn;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A {@link Linear} layer Y = X·Wᵀ + 1bᵀ with {@code units} outputs. File form
 * {@code {"type": "linear", "units": 16, "bias": false, "init": "he_uniform"}}; {@code init} null picks He before
 * (leaky) ReLU and Xavier otherwise.
 */
public record LinearSpec(int units, boolean bias, Init init) implements LayerSpec {
    static final List<LayerKind> KINDS = List.of(new LayerKind("linear", Set.of("units", "bias", "init"),
            in -> new LinearSpec(in.integer("units", 1, Integer.MAX_VALUE), in.bool("bias", true),
                    in.has("init") ? in.parse("init", Init::fromId) : null)));

    public LinearSpec {
        if (units <= 0) {
            throw new IllegalArgumentException("a linear layer needs at least one unit, got " + units);
        }
    }

    public LinearSpec(int units) {
        this(units, true, null);
    }

    @Override
    public String type() {
        return "linear";
    }

    @Override
    public int outputWidth(int width) {
        return units;
    }

    @Override
    public long stateSize(int width) {
        return (long) units * width + (bias ? units : 0);
    }

    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        return new Linear(width, units, bias, init != null ? init : initBefore(next), rng);
    }

    /** The initialiser the first layer after this one with a say asks for; Xavier when none does. */
    private static Init initBefore(LayerSpec next) {
        Init chosen = next == null ? null : next.initBefore();
        return chosen != null ? chosen : Init.XAVIER_UNIFORM;
    }

    @Override
    public void write(SpecWriter out) {
        out.writeInteger("units", units);
        if (!bias) {
            out.writeBool("bias", false);
        }
        if (init != null) {
            out.writeString("init", init.name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public String describe(int width) {
        return "Linear(" + width + " → " + units + (bias ? ")" : ", no bias)");
    }

    @Override
    public Init initBefore() {
        return Init.XAVIER_UNIFORM;
    }

    /** Gemm(X, W, b) with W transposed: Y = X·Wᵀ + 1bᵀ. */
    @Override
    public String onnx(OnnxNodes out, String input, int width) {
        List<String> inputs = bias ? List.of(input, out.parameter("weight"), out.parameter("bias"))
                : List.of(input, out.parameter("weight"));
        return out.node("Gemm", inputs, Map.of("transB", 1L));
    }
}
