package dev.nabla.nn;

import dev.nabla.tensor.Normalization;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A {@link Dropout} layer: {@code {"type": "dropout", "rate": 0.5}} ({@code rate} optional, PyTorch's default 0.5).
 * Building it draws the layer's mask seed from the network's generator.
 *
 * @param rate p, the probability of dropping an element, in [0, 1)
 */
public record DropoutSpec(double rate) implements LayerSpec {
    static final double DEFAULT_RATE = 0.5;
    static final List<LayerKind> KINDS = List.of(new LayerKind("dropout", Set.of("rate"),
            in -> new DropoutSpec(in.number("rate", DEFAULT_RATE))));

    public DropoutSpec {
        Normalization.requireDropoutRate(rate);
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        return new Dropout(rate, rng);
    }

    @Override
    public void write(SpecWriter out) {
        out.writeNumber("rate", rate);
    }

    /** Left out: in evaluation, dropout passes its input through. */
    @Override
    public String onnx(OnnxNodes out, String input, int width) {
        return input;
    }

    @Override
    public String describe(int width) {
        return "Dropout(" + rate + ")";
    }
}
