package dev.nabla.nn;

import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Layers applied in order ({@link Sequential}) nested inside another network: {@code {"type": "sequential", "layers": […]}}. */
public record SequentialSpec(List<LayerSpec> layers) implements LayerSpec {
    static final List<LayerKind> KINDS = List.of(new LayerKind("sequential", Set.of("layers"),
            in -> new SequentialSpec(in.layers("layers"))));

    public SequentialSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one layer");
        }
    }

    @Override
    public String type() {
        return "sequential";
    }

    @Override
    public int outputWidth(int width) {
        return ModelSpec.widthAfter(width, layers);
    }

    @Override
    public int maxWidth(int width) {
        return ModelSpec.maxWidth(width, layers);
    }

    @Override
    public long stateSize(int width) {
        return ModelSpec.stateSize(width, layers);
    }

    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        return build(width, layers, rng);
    }

    /** The {@link Sequential} of {@code layers} for inputs of {@code width}, layer i named "i". */
    static Sequential build(int width, List<LayerSpec> layers, RandomGenerator rng) {
        Sequential seq = new Sequential();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            seq.add(layer.build(width, i + 1 < layers.size() ? layers.get(i + 1) : null, rng));
            width = layer.outputWidth(width);
        }
        return seq;
    }

    @Override
    public String onnx(OnnxNodes out, String input, int width) {
        return onnx(out, layers, input, width);
    }

    /** The nodes of {@code layers} in order, layer i as module "i". */
    static String onnx(OnnxNodes out, List<LayerSpec> layers, String input, int width) {
        String x = input;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            x = layer.onnx(out.child(Integer.toString(i)), x, width);
            width = layer.outputWidth(width);
        }
        return x;
    }

    @Override
    public void write(SpecWriter out) {
        out.writeLayers("layers", layers);
    }

    @Override
    public String describe(int width) {
        return "Sequential(" + layers.size() + " layers)";
    }

    @Override
    public Init initBefore() {
        return layers.get(0).initBefore();
    }
}
