package dev.nabla.nn;

import dev.nabla.tensor.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A network's architecture as data: the input width and the layers in order. {@link #build} makes the
 * {@link Sequential} whose parameter names are those of the equivalent {@code torch.nn.Sequential};
 * {@link #of} gives back the spec of any network built from the library's modules.
 *
 * @param inputs number of input features
 * @param layers the layers, applied in order
 */
public record ModelSpec(int inputs, List<LayerSpec> layers) {

    public ModelSpec {
        if (inputs <= 0) {
            throw new IllegalArgumentException("a network needs at least one input, got " + inputs);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        widthAfter(inputs, layers);
    }

    /**
     * The spec of {@code network} for inputs of {@code inputs} features: a {@link Sequential}'s layers, or the one
     * module.
     *
     * @throws UnsupportedOperationException when a module has no file form (a custom {@link Module})
     */
    public static ModelSpec of(Module network, int inputs) {
        LayerSpec spec = network.spec();
        return new ModelSpec(inputs, spec instanceof SequentialSpec s ? s.layers() : List.of(spec));
    }

    /**
     * A multi-layer perceptron from the short syntax {@code "64:relu,32:tanh"} (units:activation, comma
     * separated; an empty string means no hidden layer), followed by a linear output layer of
     * {@code outputs} units.
     */
    public static ModelSpec mlp(int inputs, String hidden, int outputs) {
        List<LayerSpec> layers = new ArrayList<>();
        if (!hidden.isBlank()) {
            for (String part : hidden.split(",")) {
                String[] unitAndActivation = part.trim().split(":", 2);
                int units;
                try {
                    units = Integer.parseInt(unitAndActivation[0].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("layer '" + part.trim() + "': expected UNITS:ACTIVATION such as 64:relu");
                }
                layers.add(new LinearSpec(units));
                String activation = unitAndActivation.length > 1 ? unitAndActivation[1].trim() : "relu";
                layers.add(activation(activation, part.trim()));
            }
        }
        layers.add(new LinearSpec(outputs));
        return new ModelSpec(inputs, layers);
    }

    private static ActivationSpec activation(String text, String context) {
        String[] nameAndSlope = text.toLowerCase(Locale.ROOT).split("\\(|\\)");
        try {
            Activation f = Activation.fromId(nameAndSlope[0]);
            return nameAndSlope.length > 1 ? new ActivationSpec(f, Double.parseDouble(nameAndSlope[1]))
                    : new ActivationSpec(f);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + context + "': " + e.getMessage());
        }
    }

    /** Width of the network's output. */
    public int outputs() {
        return widthAfter(inputs, layers);
    }

    /** The same layers with the last one replaced by a linear layer of {@code units} outputs (for fine-tuning). */
    public ModelSpec withOutputs(int units) {
        List<LayerSpec> copy = new ArrayList<>(layers);
        int last = copy.size() - 1;
        if (copy.get(last) instanceof LinearSpec d) {
            copy.set(last, new LinearSpec(units, d.bias(), d.init()));
        } else {
            copy.add(new LinearSpec(units));
        }
        return new ModelSpec(inputs, copy);
    }

    /** A fresh network with weights drawn from {@code rng}. */
    public Sequential build(RandomGenerator rng) {
        return SequentialSpec.build(inputs, layers, rng);
    }

    /** The width after {@code layers} applied to inputs of {@code width} features. */
    static int widthAfter(int width, List<LayerSpec> layers) {
        for (LayerSpec layer : layers) {
            width = layer.outputWidth(width);
        }
        return width;
    }
}
