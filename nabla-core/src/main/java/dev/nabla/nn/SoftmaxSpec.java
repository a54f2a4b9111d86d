package dev.nabla.nn;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Softmax ({@code log} false) or log-softmax of each row, as a network's last layer: {@code {"type": "softmax"}},
 * {@code {"type": "log_softmax"}}.
 */
public record SoftmaxSpec(boolean log) implements LayerSpec {
    static final List<LayerKind> KINDS = List.of(
            new LayerKind("softmax", Set.of(), in -> new SoftmaxSpec(false)),
            new LayerKind("log_softmax", Set.of(), in -> new SoftmaxSpec(true)));

    @Override
    public String type() {
        return log ? "log_softmax" : "softmax";
    }

    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        return log ? new LogSoftmax() : new Softmax();
    }

    /** Along each row (ONNX's axis 1). */
    @Override
    public String onnx(OnnxNodes out, String input, int width) {
        return out.node(log ? "LogSoftmax" : "Softmax", List.of(input), Map.of("axis", 1L));
    }

    @Override
    public void write(SpecWriter out) {
    }

    @Override
    public String describe(int width) {
        return log ? "LogSoftmax" : "Softmax";
    }

    @Override
    public Init initBefore() {
        return Init.XAVIER_UNIFORM;
    }
}
