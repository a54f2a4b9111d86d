package dev.nabla.onnx;

import com.google.protobuf.ByteString;
import dev.nabla.nn.OnnxNodes;
import dev.nabla.onnx.proto.Onnx.AttributeProto;
import dev.nabla.onnx.proto.Onnx.GraphProto;
import dev.nabla.onnx.proto.Onnx.NodeProto;
import dev.nabla.onnx.proto.Onnx.TensorProto;
import dev.nabla.onnx.proto.Onnx.TensorShapeProto;
import dev.nabla.onnx.proto.Onnx.TypeProto;
import dev.nabla.onnx.proto.Onnx.ValueInfoProto;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph being written: nodes in order, initializers named once, and fresh value names ({@code op_7}) that never
 * collide with an input's name. The network's layers see it as {@link OnnxNodes} through {@link #scope}, which
 * prefixes their state-dict keys.
 */
final class Graph {
    static final String ML = "ai.onnx.ml";

    private final GraphProto.Builder proto;
    private final Map<String, Tensor> state;
    private final DType dtype;
    private final Set<String> names = new HashSet<>();
    /** State-dict key → initializer name (the key itself unless an input took it). */
    private final Map<String, String> parameters = new HashMap<>();
    private int counter;

    /**
     * @param state the network's state dict, whose tensors become initializers when a layer asks for them
     * @param dtype the network's dtype: constants asked for by layers are made in it
     */
    Graph(GraphProto.Builder proto, Map<String, Tensor> state, DType dtype) {
        this.proto = proto;
        this.state = state;
        this.dtype = dtype;
    }

    /** Claims a name (an input's or an output's), so that no value made later takes it. */
    void reserve(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("graph value '" + name + "' named twice");
        }
    }

    /** Whether {@code name} is taken. */
    boolean taken(String name) {
        return names.contains(name);
    }

    private String fresh(String hint) {
        String name;
        do {
            name = hint + "_" + counter++;
        } while (names.contains(name));
        names.add(name);
        return name;
    }

    /** Adds a node of {@code domain} ("" for ONNX's own) writing a fresh output; returns that output. */
    String node(String domain, String op, List<String> inputs, Map<String, ?> attributes) {
        return node(domain, op, inputs, attributes, fresh(op));
    }

    /** Adds a node writing {@code output}, a name already reserved (a graph output); returns it. */
    String node(String domain, String op, List<String> inputs, Map<String, ?> attributes, String output) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
        if (!domain.isEmpty()) {
            n.setDomain(domain);
        }
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> n.addAttribute(attribute(e.getKey(), e.getValue())));
        proto.addNode(n);
        return output;
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        switch (value) {
            case Long v -> a.setType(AttributeProto.AttributeType.INT).setI(v);
            case Double v -> a.setType(AttributeProto.AttributeType.FLOAT).setF(v.floatValue());
            case String v -> a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(v));
            case long[] v -> {
                a.setType(AttributeProto.AttributeType.INTS);
                for (long x : v) {
                    a.addInts(x);
                }
            }
            case double[] v -> {
                a.setType(AttributeProto.AttributeType.FLOATS);
                for (double x : v) {
                    a.addFloats((float) x);
                }
            }
            case String[] v -> {
                a.setType(AttributeProto.AttributeType.STRINGS);
                for (String x : v) {
                    a.addStrings(ByteString.copyFromUtf8(x));
                }
            }
            default -> throw new IllegalArgumentException("attribute '" + name + "': no ONNX form for "
                    + value.getClass().getSimpleName());
        }
        return a.build();
    }

    /** Declares the type and shape of value {@code name} (dims: numbers, or names for dynamic ones). */
    void declare(String name, TensorProto.DataType type, String... dims) {
        proto.addValueInfo(valueInfo(name, type, dims));
    }

    /** A value's type: a tensor of {@code type} with {@code dims}, each a number or the name of a dynamic one. */
    static ValueInfoProto valueInfo(String name, TensorProto.DataType type, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d.chars().allMatch(Character::isDigit)) {
                dim.setDimValue(Long.parseLong(d));
            } else {
                dim.setDimParam(d);
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    /** A float32 constant. */
    String floats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return initializer(fresh("const"), TensorProto.DataType.FLOAT, b.array(), shape);
    }

    /** A float64 constant. */
    String doubles(double[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return initializer(fresh("const"), TensorProto.DataType.DOUBLE, b.array(), shape);
    }

    /** An int64 constant. */
    String longs(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return initializer(fresh("const"), TensorProto.DataType.INT64, b.array(), shape);
    }

    /** A string constant. */
    String strings(List<String> values, long... shape) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(fresh("const"))
                .setDataType(TensorProto.DataType.STRING_VALUE);
        for (long d : shape) {
            t.addDims(d);
        }
        values.forEach(v -> t.addStringData(ByteString.copyFrom(v, StandardCharsets.UTF_8)));
        proto.addInitializer(t);
        return t.getName();
    }

    private String initializer(String name, TensorProto.DataType type, byte[] raw, long... shape) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : shape) {
            t.addDims(d);
        }
        proto.addInitializer(t);
        return name;
    }

    /** The network's state-dict tensor {@code key} as an initializer named after it (written once). */
    private String parameter(String key) {
        String written = parameters.get(key);
        if (written != null) {
            return written;
        }
        Tensor t = state.get(key);
        if (t == null) {
            throw new IllegalStateException("a layer asks for '" + key + "', which the state dict lacks");
        }
        String name = names.add(key) ? key : fresh(key);
        long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
        if (t.dtype() == DType.F64) {
            ByteBuffer b = ByteBuffer.allocate(8 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(t.doubles(), 0, t.size());
            initializer(name, TensorProto.DataType.DOUBLE, b.array(), shape);
        } else {
            ByteBuffer b = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(t.floats(), 0, t.size());
            initializer(name, TensorProto.DataType.FLOAT, b.array(), shape);
        }
        parameters.put(key, name);
        return name;
    }

    /** The view a module with state-dict prefix {@code prefix} ("" for the network, "0." for its first layer) sees. */
    OnnxNodes scope(String prefix) {
        return scope(prefix, dtype);
    }

    /** {@link #scope(String)} with constants of {@code constants}' dtype. */
    OnnxNodes scope(String prefix, DType constants) {
        return new OnnxNodes() {
            @Override
            public String parameter(String key) {
                return Graph.this.parameter(prefix + key);
            }

            @Override
            public String constant(double[] values, long... shape) {
                if (constants == DType.F64) {
                    return doubles(values, shape);
                }
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
                return floats(f, shape);
            }

            @Override
            public String floatNode(String op, String input, Map<String, ?> attributes) {
                if (constants != DType.F64) {
                    return Graph.this.node("", op, List.of(input), attributes);
                }
                String in = Graph.this.node("", "Cast", List.of(input), Map.of("to",
                        (long) TensorProto.DataType.FLOAT_VALUE));
                String out = Graph.this.node("", op, List.of(in), attributes);
                return Graph.this.node("", "Cast", List.of(out), Map.of("to", (long) TensorProto.DataType.DOUBLE_VALUE));
            }

            @Override
            public String indices(long[] values, long... shape) {
                return longs(values, shape);
            }

            @Override
            public String node(String op, List<String> inputs, Map<String, ?> attributes) {
                return Graph.this.node("", op, inputs, attributes);
            }

            @Override
            public OnnxNodes child(String name) {
                return scope(prefix + name + ".", constants);
            }
        };
    }
}
