package dev.nabla.nn;

import dev.nabla.tensor.Activation;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A pointwise activation Y = f(X), one file type per {@link Activation} ({@code {"type": "tanh"}},
 * {@code {"type": "leaky_relu", "slope": 0.01}}); {@code slope} is the leaky-ReLU slope (0 otherwise).
 */
public record ActivationSpec(Activation activation, double slope) implements LayerSpec {
    static final List<LayerKind> KINDS = Arrays.stream(Activation.values()).map(ActivationSpec::kind).toList();

    public ActivationSpec {
        if (activation == Activation.LEAKY_RELU && !(slope > 0 && slope < 1)) {
            throw new IllegalArgumentException("leaky_relu slope must lie in (0, 1), got " + slope);
        }
    }

    public ActivationSpec(Activation activation) {
        this(activation, activation == Activation.LEAKY_RELU ? 0.01 : 0);
    }

    private static LayerKind kind(Activation f) {
        if (f == Activation.LEAKY_RELU) {
            return new LayerKind(f.id(), Set.of("slope"), in -> new ActivationSpec(f, in.number("slope", 0.01)));
        }
        return new LayerKind(f.id(), Set.of(), in -> new ActivationSpec(f));
    }

    @Override
    public String type() {
        return activation.id();
    }

    @Override
    public int outputWidth(int width) {
        return width;
    }

    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        return new ActivationLayer(activation, slope);
    }

    @Override
    public void write(SpecWriter out) {
        if (activation == Activation.LEAKY_RELU) {
            out.writeNumber("slope", slope);
        }
    }

    @Override
    public String describe(int width) {
        return activation == Activation.LEAKY_RELU ? activation.title() + "(" + slope + ")" : activation.title();
    }

    /** He initialisation before (leaky) ReLU, Xavier before the others. */
    @Override
    public Init initBefore() {
        return activation == Activation.RELU || activation == Activation.LEAKY_RELU ? Init.HE_UNIFORM
                : Init.XAVIER_UNIFORM;
    }
}
