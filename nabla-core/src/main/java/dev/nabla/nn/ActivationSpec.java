package dev.nabla.nn;

import dev.nabla.tensor.Activation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A pointwise activation Y = f(X), one file type per {@link Activation} ({@code {"type": "gelu"}},
 * {@code {"type": "leaky_relu", "slope": 0.01}}, {@code {"type": "elu", "alpha": 1.0}}); {@code parameter} is the
 * activation's parameter under its {@link Activation#parameterName() name} (0 for those without one).
 */
public record ActivationSpec(Activation activation, double parameter) implements LayerSpec {
    static final List<LayerKind> KINDS = Arrays.stream(Activation.values()).map(ActivationSpec::kind).toList();

    public ActivationSpec {
        parameter = activation.parameterName() == null ? 0 : activation.checkParameter(parameter);
    }

    /** The activation with its default parameter. */
    public ActivationSpec(Activation activation) {
        this(activation, activation.defaultParameter());
    }

    private static LayerKind kind(Activation f) {
        String name = f.parameterName();
        if (name == null) {
            return new LayerKind(f.id(), Set.of(), in -> new ActivationSpec(f));
        }
        return new LayerKind(f.id(), Set.of(name), in -> new ActivationSpec(f, in.number(name, f.defaultParameter())));
    }

    @Override
    public String type() {
        return activation.id();
    }

    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        return new ActivationLayer(activation, parameter);
    }

    @Override
    public void write(SpecWriter out) {
        if (activation.parameterName() != null) {
            out.writeNumber(activation.parameterName(), parameter);
        }
    }

    @Override
    public String describe(int width) {
        return activation.parameterName() != null ? activation.title() + "(" + parameter + ")" : activation.title();
    }

    /**
     * The activation's ONNX operator; GELU (an operator only from opset 20), GELU-tanh and SiLU from their formulas,
     * Softplus as PyTorch's (A itself above 20); Erf, Elu and Softplus in float32 ({@link OnnxNodes#floatNode}).
     */
    @Override
    public String onnx(OnnxNodes out, String input, int width) {
        return switch (activation) {
            case IDENTITY -> out.node("Identity", input);
            case TANH -> out.node("Tanh", input);
            case SIGMOID -> out.node("Sigmoid", input);
            case RELU -> out.node("Relu", input);
            case LEAKY_RELU -> out.node("LeakyRelu", List.of(input), Map.of("alpha", parameter));
            case ELU -> out.floatNode("Elu", input, Map.of("alpha", parameter));
            // A / (1 + e^{−A}): ONNX Runtime fuses A ⊙ Sigmoid(A) into an operator it has for float32 only.
            case SILU -> out.node("Div", input, out.node("Add", out.constant(new double[] {1}),
                    out.node("Exp", out.node("Neg", input))));
            case GELU -> halfTimes(out, input,
                    out.floatNode("Erf", out.node("Div", input, out.constant(new double[] {Math.sqrt(2)})), Map.of()));
            case GELU_TANH -> {
                String cube = out.node("Mul", out.node("Mul", input, input), input);
                String inner = out.node("Add", input, out.node("Mul", cube, out.constant(new double[] {0.044715})));
                yield halfTimes(out, input, out.node("Tanh",
                        out.node("Mul", inner, out.constant(new double[] {Math.sqrt(2 / Math.PI)}))));
            }
            case SOFTPLUS -> out.node("Where", out.node("Greater", input, out.constant(new double[] {20})), input,
                    out.floatNode("Softplus", input, Map.of()));
        };
    }

    /** ½·A ⊙ (1 + t). */
    private static String halfTimes(OnnxNodes out, String a, String t) {
        String onePlus = out.node("Add", t, out.constant(new double[] {1}));
        return out.node("Mul", out.node("Mul", a, onePlus), out.constant(new double[] {0.5}));
    }

    /** He initialisation before (leaky) ReLU, Xavier before the others. */
    @Override
    public Init initBefore() {
        return activation == Activation.RELU || activation == Activation.LEAKY_RELU ? Init.HE_UNIFORM
                : Init.XAVIER_UNIFORM;
    }
}
