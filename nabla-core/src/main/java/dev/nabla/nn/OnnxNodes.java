package dev.nabla.nn;

import java.util.List;
import java.util.Map;

/**
 * Where a layer writes its ONNX nodes ({@link LayerSpec#onnx}): the layer names its state-dict tensors and ONNX
 * operators, and the writer (the {@code nabla-onnx} module, with protobuf) turns them into a graph. Values are named
 * by strings; a node's one output is returned. Attribute values are {@link Long}, {@link Double} (written as ONNX
 * floats), {@link String}, {@code long[]}, {@code double[]} or {@code String[]}.
 */
public interface OnnxNodes {
    /** ONNX's {@code TensorProto.DataType} of int64, for {@code Cast}'s {@code to}. */
    long INT64 = 7;

    /** The graph value of this module's state-dict tensor {@code key} ({@code weight}, {@code 0.weight}, …). */
    String parameter(String key);

    /** A constant in the network's dtype (float or double) of {@code shape} (none: a scalar). */
    String constant(double[] values, long... shape);

    /** An int64 constant of {@code shape} (none: a scalar), e.g. indices for {@code Gather}. */
    String indices(long[] values, long... shape);

    /** Adds operator {@code op} of the default domain reading {@code inputs}; returns its output. */
    String node(String op, List<String> inputs, Map<String, ?> attributes);

    /**
     * A one-input operator that runtimes implement for float32 only (ONNX Runtime has no float64 {@code Erf},
     * {@code Elu} or {@code Softplus}): in a float64 network, its input is cast to float32 and its output back.
     */
    String floatNode(String op, String input, Map<String, ?> attributes);

    /** {@link #node(String, List, Map)} without attributes. */
    default String node(String op, String... inputs) {
        return node(op, List.of(inputs), Map.of());
    }

    /** The writer of child module {@code name}: its state-dict keys start with {@code name.}. */
    OnnxNodes child(String name);
}
