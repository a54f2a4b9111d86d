package dev.nabla.nn;

import dev.nabla.tensor.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A network's architecture as data: the input width and the layers in order. {@link #build} makes the
 * {@link Sequential} whose parameter names are those of the equivalent {@code torch.nn.Sequential}.
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
                layers.add(new LayerSpec.Dense(units));
                String activation = unitAndActivation.length > 1 ? unitAndActivation[1].trim() : "relu";
                layers.add(pointwise(activation, part.trim()));
            }
        }
        layers.add(new LayerSpec.Dense(outputs));
        return new ModelSpec(inputs, layers);
    }

    private static LayerSpec.Pointwise pointwise(String text, String context) {
        String[] nameAndSlope = text.toLowerCase(Locale.ROOT).split("\\(|\\)");
        try {
            Activation f = Activation.fromId(nameAndSlope[0]);
            return nameAndSlope.length > 1 ? new LayerSpec.Pointwise(f, Double.parseDouble(nameAndSlope[1]))
                    : new LayerSpec.Pointwise(f);
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
        if (copy.get(last) instanceof LayerSpec.Dense d) {
            copy.set(last, new LayerSpec.Dense(units, d.bias(), d.init()));
        } else {
            copy.add(new LayerSpec.Dense(units));
        }
        return new ModelSpec(inputs, copy);
    }

    /** A fresh network with weights drawn from {@code rng}. */
    public Sequential build(RandomGenerator rng) {
        return buildSequential(inputs, layers, rng);
    }

    private static Sequential buildSequential(int width, List<LayerSpec> layers, RandomGenerator rng) {
        Sequential seq = new Sequential();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            LayerSpec next = i + 1 < layers.size() ? layers.get(i + 1) : null;
            seq.add(buildLayer(width, layer, next, rng));
            width = widthAfter(width, List.of(layer));
        }
        return seq;
    }

    private static Module buildLayer(int width, LayerSpec layer, LayerSpec next, RandomGenerator rng) {
        return switch (layer) {
            case LayerSpec.Dense d -> new Linear(width, d.units(), d.bias(), d.init() != null ? d.init() : initFor(next), rng);
            case LayerSpec.Pointwise p -> ActivationLayer.of(p.activation(), p.slope());
            case LayerSpec.Branches b -> {
                Module[] branches = new Module[b.branches().size()];
                for (int k = 0; k < branches.length; k++) {
                    List<LayerSpec> branch = b.branches().get(k);
                    branches[k] = branch.size() == 1 ? buildLayer(width, branch.get(0), null, rng)
                            : buildSequential(width, branch, rng);
                }
                yield new Add(branches);
            }
        };
    }

    /** He initialisation before (leaky) ReLU, Xavier otherwise. */
    private static Init initFor(LayerSpec next) {
        if (next instanceof LayerSpec.Pointwise p
                && (p.activation() == Activation.RELU || p.activation() == Activation.LEAKY_RELU)) {
            return Init.HE_UNIFORM;
        }
        return Init.XAVIER_UNIFORM;
    }

    private static int widthAfter(int width, List<LayerSpec> layers) {
        for (LayerSpec layer : layers) {
            width = switch (layer) {
                case LayerSpec.Dense d -> d.units();
                case LayerSpec.Pointwise p -> width;
                case LayerSpec.Branches b -> {
                    int first = widthAfter(width, b.branches().get(0));
                    for (List<LayerSpec> branch : b.branches()) {
                        int w = widthAfter(width, branch);
                        if (w != first) {
                            throw new IllegalArgumentException("add layer: branches end with different widths, "
                                    + first + " and " + w);
                        }
                    }
                    yield first;
                }
            };
        }
        return width;
    }
}
