package dev.nabla.nn;

import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Memory;
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
        return mlp(inputs, hidden, outputs, false, 0);
    }

    /**
     * {@link #mlp(int, String, int)} with, in every hidden layer, batch normalisation before the activation and
     * dropout of rate {@code dropout} after it (none for 0): Linear → BatchNorm → activation → Dropout, PyTorch's
     * usual order.
     */
    public static ModelSpec mlp(int inputs, String hidden, int outputs, boolean batchNorm, double dropout) {
        DropoutSpec drop = dropout == 0 ? null : new DropoutSpec(dropout);
        List<LayerSpec> layers = new ArrayList<>();
        if (!hidden.isBlank()) {
            for (String part : hidden.split(",")) {
                String[] unitAndActivation = part.trim().split(":", 2);
                int units;
                String digits = unitAndActivation[0].trim();
                try {
                    units = Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("layer '" + part.trim() + "': " + (digits.matches("\\d+")
                            ? digits + " units is more than a layer can have (at most " + Integer.MAX_VALUE + ")"
                            : "expected UNITS:ACTIVATION such as 64:relu"));
                }
                layers.add(new LinearSpec(units));
                if (batchNorm) {
                    layers.add(new BatchNormSpec());
                }
                String activation = unitAndActivation.length > 1 ? unitAndActivation[1].trim() : "relu";
                layers.add(activation(activation, part.trim()));
                if (drop != null) {
                    layers.add(drop);
                }
            }
        }
        layers.add(new LinearSpec(outputs));
        return new ModelSpec(inputs, layers);
    }

    private static ActivationSpec activation(String text, String context) {
        String[] nameAndSlope = text.toLowerCase(Locale.ROOT).split("\\(|\\)");
        try {
            Activation f = Activation.fromId(nameAndSlope[0]);
            return nameAndSlope.length > 1 ? new ActivationSpec(f, slope(nameAndSlope[1])) : new ActivationSpec(f);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + context + "': " + e.getMessage());
        }
    }

    private static double slope(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below, without Java's "For input string"
        }
        throw new IllegalArgumentException("the slope '" + text.strip() + "' is not a finite number");
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

    /**
     * Writes the network's ONNX nodes reading {@code input} [N, inputs()] and returns its output, layer i as module
     * "i" of the state dict.
     *
     * @throws ExportException naming the first layer kind without an ONNX form
     */
    public String onnx(OnnxNodes out, String input) {
        return SequentialSpec.onnx(out, layers, input, inputs);
    }

    /** A fresh network with weights drawn from {@code rng}. */
    public Sequential build(RandomGenerator rng) {
        return SequentialSpec.build(inputs, layers, rng);
    }

    /** Numbers in the state dict (parameters and buffers) of the network this spec builds; nothing is allocated. */
    public long stateSize() {
        return stateSize(inputs, layers);
    }

    /** The widest row of a forward pass: the inputs or a layer's output (inside branches too). */
    public int maxWidth() {
        return maxWidth(inputs, layers);
    }

    /** The widest row of {@code layers} in order, for inputs of {@code width} (which counts too). */
    static int maxWidth(int width, List<LayerSpec> layers) {
        int widest = width;
        for (LayerSpec layer : layers) {
            widest = Math.max(widest, layer.maxWidth(width));
            width = layer.outputWidth(width);
        }
        return widest;
    }

    /** The summed widths of the layers' outputs: the numbers one row of a forward pass produces. */
    public long activationWidth() {
        long sum = 0;
        int width = inputs;
        for (LayerSpec layer : layers) {
            width = layer.outputWidth(width);
            sum += width;
        }
        return sum;
    }

    /**
     * Refuses, before anything is allocated, a network that cannot be trained on batches of {@code rows} rows in this
     * heap: a layer whose weights, or whose output for a batch, would not fit one Java array, or a run needing more
     * than the heap — about 4 bytes × (4 × parameters + 3 × rows × summed layer widths): weights, gradients and two
     * optimiser slots, and each layer's output with its gradient and a temporary.
     *
     * @throws Memory.TooLarge naming the layer, or the network's size and what it needs
     */
    public void requireTrainable(int rows) {
        requireLayersFit();
        Memory.requireArray((long) rows * inputs, "a batch of " + rows + " rows of " + inputs + " inputs");
        int width = inputs;
        for (LayerSpec layer : layers) {
            width = layer.outputWidth(width);
            Memory.requireArray((long) rows * width, "a layer of " + width + " units on batches of " + rows + " rows");
        }
        long state = stateSize();
        long numbers = ModelSpec.saturatedSum(Memory.times(4, state), Memory.times(3L * rows, activationWidth()));
        Memory.require(Memory.times(4, numbers), String.format(Locale.ROOT,
                "training a network of %,d parameters on batches of %d rows", state, rows));
    }

    /**
     * Refuses a network that cannot even be built here: a layer whose weights would not fit one Java array, or
     * parameters (4 bytes each) beyond the heap.
     *
     * @throws Memory.TooLarge naming the layer, or the network's size
     */
    public void requireBuildable() {
        requireLayersFit();
        Memory.require(Memory.times(4, stateSize()), String.format(Locale.ROOT, "a network of %,d parameters",
                stateSize()));
    }

    private void requireLayersFit() {
        int width = inputs;
        for (LayerSpec layer : layers) {
            Memory.requireArray(layer.stateSize(width), layer.describe(width));
            width = layer.outputWidth(width);
        }
    }

    static long stateSize(int width, List<LayerSpec> layers) {
        long n = 0;
        for (LayerSpec layer : layers) {
            n = saturatedSum(n, layer.stateSize(width));
            width = layer.outputWidth(width);
        }
        return n;
    }

    /** a + b, or Long.MAX_VALUE when that overflows: a hostile file may declare sizes whose sum no long holds. */
    static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** The width after {@code layers} applied to inputs of {@code width} features. */
    static int widthAfter(int width, List<LayerSpec> layers) {
        for (LayerSpec layer : layers) {
            width = layer.outputWidth(width);
        }
        return width;
    }
}
