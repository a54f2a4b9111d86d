package dev.nabla.onnx;

import dev.nabla.data.Pipeline;
import dev.nabla.data.Scaling;
import dev.nabla.data.Task;
import dev.nabla.io.AtomicFiles;
import dev.nabla.nn.ExportException;
import dev.nabla.nn.OnnxNodes;
import dev.nabla.onnx.proto.Onnx.GraphProto;
import dev.nabla.onnx.proto.Onnx.ModelProto;
import dev.nabla.onnx.proto.Onnx.OperatorSetIdProto;
import dev.nabla.onnx.proto.Onnx.StringStringEntryProto;
import dev.nabla.onnx.proto.Onnx.TensorProto;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrainedModel} as an ONNX model (IR version 8, opset 17 and ai.onnx.ml 3, a dynamic batch dimension
 * {@code N}) that computes what {@link TrainedModel#predict} computes:
 * <ul>
 * <li>inputs: for numeric features only, {@code features} float [N, F] in the model's feature order; for a table
 * pipeline, one input [N, 1] per raw column, named after it — strings for categories (the cell's text, stripped),
 * floats for numbers (NaN when missing);</li>
 * <li>the pipeline as ONNX-ML operators ({@link PipelineNodes}), the input scaling (x − shift) / scale in float32,
 * the network as each layer kind writes itself ({@code LayerSpec.onnx}) in the model's dtype;</li>
 * <li>outputs: {@code probabilities} float [N, K] and {@code label} string [N] (a binary classifier's second class
 * when its probability exceeds the stored threshold), or {@code value} float [N, 1] in the target's units.</li>
 * </ul>
 * <pre>{@code OnnxExport.write(ModelFile.load(Path.of("model.safetensors")), Path.of("model.onnx")); }</pre>
 */
public final class OnnxExport {
    /** The ONNX IR version written: 8, read by ONNX 1.10 and later and by every current runtime. */
    public static final int IR_VERSION = 8;
    /** The default domain's operator set. */
    public static final int OPSET = 17;
    /** ai.onnx.ml's operator set that goes with opset 17 (ONNX 1.12). */
    public static final int ML_OPSET = 3;
    /** The input of a model of numeric features only. */
    public static final String FEATURES = "features";
    public static final String PROBABILITIES = "probabilities";
    public static final String LABEL = "label";
    public static final String VALUE = "value";

    private OnnxExport() {
    }

    /** Writes the ONNX form of {@code model} to {@code file} atomically; returns the bytes written. */
    public static byte[] write(TrainedModel model, Path file) throws IOException {
        byte[] bytes = toBytes(model);
        AtomicFiles.write(file, (java.io.OutputStream out) -> out.write(bytes));
        return bytes;
    }

    /**
     * The ONNX model's bytes.
     *
     * @throws ExportException naming the first layer kind without an ONNX form, or a column whose name an output takes
     */
    public static byte[] toBytes(TrainedModel model) {
        return build(model).toByteArray();
    }

    static ModelProto build(TrainedModel model) {
        Map<String, Tensor> state = model.network().stateDict();
        DType dtype = state.isEmpty() ? DType.F32 : state.values().iterator().next().dtype();
        GraphProto.Builder proto = GraphProto.newBuilder().setName("nabla")
                .setDocString("Predictions of a Nabla model: pipeline, scaling, network and output function.");
        Graph g = new Graph(proto, state, dtype);
        List<String> outputs = model.task() == Task.REGRESSION ? List.of(VALUE) : List.of(PROBABILITIES, LABEL);
        outputs.forEach(g::reserve);

        String x = inputs(g, proto, model.pipeline());
        x = scale(g, x, model.scaling());
        if (dtype == DType.F64) {
            x = g.node("", "Cast", List.of(x), Map.of("to", (long) TensorProto.DataType.DOUBLE_VALUE));
        }
        String z = model.spec().onnx(g.scope(""), x);
        if (dtype == DType.F64) {
            // predict turns the outputs to float32 before the output function, and so does the graph.
            z = g.node("", "Cast", List.of(z), Map.of("to", (long) TensorProto.DataType.FLOAT_VALUE));
        }
        if (model.task() == Task.REGRESSION) {
            Scaling t = model.targetScaling();
            String scaled = g.node("", "Mul", List.of(z, g.floats(t.scale(), 1)), Map.of());
            g.node("", "Add", List.of(scaled, g.floats(t.shift(), 1)), Map.of(), VALUE);
            proto.addOutput(Graph.valueInfo(VALUE, TensorProto.DataType.FLOAT, "N", "1"));
        } else {
            classifier(g, model, z);
            int k = model.classNames().size();
            proto.addOutput(Graph.valueInfo(PROBABILITIES, TensorProto.DataType.FLOAT, "N", Integer.toString(k)));
            proto.addOutput(Graph.valueInfo(LABEL, TensorProto.DataType.STRING, "N"));
        }
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("nabla")
                .setProducerVersion(version()).setModelVersion(1).setGraph(proto)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(Graph.ML).setVersion(ML_OPSET));
        m.addMetadataProps(entry("target", model.targetName()));
        if (!model.classNames().isEmpty()) {
            m.addMetadataProps(entry("classes", String.join("\n", model.classNames())));
        }
        return m.build();
    }

    /** Declares the graph's inputs; returns the encoded, unscaled matrix [N, F] (float). */
    private static String inputs(Graph g, GraphProto.Builder proto, Pipeline pipeline) {
        if (pipeline.isNumeric()) {
            claim(g, FEATURES);
            proto.addInput(Graph.valueInfo(FEATURES, TensorProto.DataType.FLOAT, "N", Integer.toString(pipeline.width())));
            return FEATURES;
        }
        return PipelineNodes.write(g, pipeline, new PipelineNodes.Inputs() {
            @Override
            public String number(String column) {
                claim(g, column);
                proto.addInput(Graph.valueInfo(column, TensorProto.DataType.FLOAT, "N", "1"));
                return column;
            }

            @Override
            public String text(String column) {
                claim(g, column);
                proto.addInput(Graph.valueInfo(column, TensorProto.DataType.STRING, "N", "1"));
                return column;
            }
        });
    }

    private static void claim(Graph g, String input) {
        if (g.taken(input)) {
            throw new ExportException("input column '" + input + "' has the name of an output of the ONNX graph; "
                    + "rename the column and train again to export");
        }
        g.reserve(input);
    }

    /** (x − shift) / scale in float32, as {@link Scaling#apply} computes it; nothing for an identity scaling. */
    private static String scale(Graph g, String x, Scaling s) {
        boolean identity = true;
        for (int j = 0; j < s.columns(); j++) {
            identity &= s.shift()[j] == 0 && s.scale()[j] == 1;
        }
        if (identity) {
            return x;
        }
        String shifted = g.node("", "Sub", List.of(x, g.floats(s.shift(), s.columns())), Map.of());
        return g.node("", "Div", List.of(shifted, g.floats(s.scale(), s.columns())), Map.of());
    }

    /**
     * {@code probabilities} and {@code label} from outputs Z as {@link TrainedModel#predict} makes them: the
     * objective's output function, one sigmoid output widened to [1 − p, p], and the label by the threshold (two
     * classes) or the first largest probability.
     */
    private static void classifier(Graph g, TrainedModel model, String z) {
        OnnxNodes floats = g.scope("", DType.F32);
        String p = model.objective().onnx(floats, z);
        if (model.spec().outputs() == 1) {
            String q = g.node("", "Sub", List.of(g.floats(new float[] {1f}), p), Map.of());
            g.node("", "Concat", List.of(q, p), Map.of("axis", 1L), PROBABILITIES);
        } else {
            g.node("", "Identity", List.of(p), Map.of(), PROBABILITIES);
        }
        String index;
        if (model.classNames().size() == 2) {
            String second = g.node("", "Gather", List.of(PROBABILITIES, g.longs(new long[] {1})), Map.of("axis", 1L));
            String above = g.node("", "Greater", List.of(second, g.floats(new float[] {below(model.threshold())})),
                    Map.of());
            index = g.node("", "Cast", List.of(above), Map.of("to", OnnxNodes.INT64));
        } else {
            index = g.node("", "ArgMax", List.of(PROBABILITIES), Map.of("axis", 1L, "keepdims", 0L));
        }
        String classes = g.strings(model.classNames(), model.classNames().size());
        g.node("", "Gather", List.of(classes, index), Map.of("axis", 0L), LABEL);
    }

    /** The largest float t′ ≤ t: for a float p, p > t exactly when p > t′. */
    static float below(double t) {
        float f = (float) t;
        return f > t ? Math.nextDown(f) : f;
    }

    /**
     * What an ONNX model reads and answers, one line each: {@code input  Age: float [N, 1]}, then the outputs and
     * a line with the versions and the node count.
     *
     * @throws IOException when the bytes are not an ONNX model
     */
    public static List<String> describe(byte[] onnx) throws IOException {
        ModelProto m = ModelProto.parseFrom(onnx);
        List<String> out = new java.util.ArrayList<>();
        m.getGraph().getInputList().forEach(v -> out.add("input   " + describe(v)));
        m.getGraph().getOutputList().forEach(v -> out.add("output  " + describe(v)));
        StringBuilder opsets = new StringBuilder();
        for (OperatorSetIdProto o : m.getOpsetImportList()) {
            opsets.append(opsets.isEmpty() ? "" : ", ").append(o.getDomain().isEmpty() ? "opset" : o.getDomain())
                    .append(' ').append(o.getVersion());
        }
        out.add("format  ONNX IR " + m.getIrVersion() + ", " + opsets + "; " + m.getGraph().getNodeCount() + " nodes, "
                + m.getGraph().getInitializerCount() + " initializers");
        return out;
    }

    private static String describe(dev.nabla.onnx.proto.Onnx.ValueInfoProto v) {
        var t = v.getType().getTensorType();
        String type = TensorProto.DataType.forNumber(t.getElemType()).name().toLowerCase(java.util.Locale.ROOT);
        List<String> dims = t.getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue())).toList();
        return v.getName() + ": " + type + " [" + String.join(", ", dims) + "]";
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value == null ? "" : value).build();
    }

    private static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
