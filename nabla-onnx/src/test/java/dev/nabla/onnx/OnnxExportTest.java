package dev.nabla.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.nabla.data.CategoryEncoder;
import dev.nabla.data.NumberEncoder;
import dev.nabla.data.Pipeline;
import dev.nabla.data.Scaling;
import dev.nabla.data.TableOptions;
import dev.nabla.data.Task;
import dev.nabla.nn.ExportException;
import dev.nabla.nn.ModelSpec;
import dev.nabla.onnx.proto.Onnx.ModelProto;
import dev.nabla.onnx.proto.Onnx.OperatorSetIdProto;
import dev.nabla.onnx.proto.Onnx.ValueInfoProto;
import dev.nabla.train.Objective;
import dev.nabla.train.TrainedModel;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shape of the exported graph: versions, inputs, outputs, and the one-line refusals. */
class OnnxExportTest {

    @Test
    void numericModelTakesOneFeaturesMatrixWithADynamicBatch() throws Exception {
        TrainedModel m = Trained.on("iris", TableOptions.defaults(), "4:relu");
        ModelProto proto = ModelProto.parseFrom(OnnxExport.toBytes(m));
        assertThat(proto.getIrVersion()).isEqualTo(8);
        assertThat(proto.getOpsetImportList()).extracting(OperatorSetIdProto::getDomain, OperatorSetIdProto::getVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("", 17L),
                        org.assertj.core.groups.Tuple.tuple("ai.onnx.ml", 3L));
        assertThat(proto.getGraph().getInputList()).extracting(ValueInfoProto::getName).containsExactly("features");
        var dims = proto.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
        assertThat(dims.get(0).getDimParam()).isEqualTo("N");
        assertThat(dims.get(1).getDimValue()).isEqualTo(4);
        assertThat(proto.getGraph().getOutputList()).extracting(ValueInfoProto::getName)
                .containsExactly("probabilities", "label");
        // The weights are initializers named as in the state dict.
        assertThat(proto.getGraph().getInitializerList()).extracting(t -> t.getName()).contains("0.weight", "2.bias");
    }

    @Test
    void tableModelTakesOneInputPerRawColumn() throws Exception {
        TrainedModel m = Trained.on("penguins", TableOptions.defaults(), "4:relu");
        try (OrtSession s = Runtime.ENV.createSession(OnnxExport.toBytes(m), new OrtSession.SessionOptions())) {
            Map<String, NodeInfo> inputs = s.getInputInfo();
            assertThat(inputs.keySet()).containsExactlyInAnyOrderElementsOf(m.pipeline().columns());
            TensorInfo island = (TensorInfo) inputs.get("island").getInfo();
            assertThat(island.type).isEqualTo(ai.onnxruntime.OnnxJavaType.STRING);
            assertThat(island.getShape()).containsExactly(-1, 1);
            TensorInfo bill = (TensorInfo) inputs.get("bill_length_mm").getInfo();
            assertThat(bill.type).isEqualTo(ai.onnxruntime.OnnxJavaType.FLOAT);
            TensorInfo label = (TensorInfo) s.getOutputInfo().get("label").getInfo();
            assertThat(label.getShape()).containsExactly(-1);
        }
    }

    @Test
    void regressionAnswersOneValuePerRow() throws Exception {
        TrainedModel m = Trained.on("diabetes", TableOptions.defaults(), "4:relu");
        ModelProto proto = ModelProto.parseFrom(OnnxExport.toBytes(m));
        assertThat(proto.getGraph().getOutputList()).extracting(ValueInfoProto::getName).containsExactly("value");
    }

    @Test
    void aColumnNamedAfterAnOutputIsRefusedNamingIt() {
        Pipeline pipeline = new Pipeline(List.of(new NumberEncoder("x", 0f, true),
                new CategoryEncoder("label", List.of("a", "b"), false, false, 0)), List.of(""));
        ModelSpec spec = ModelSpec.mlp(4, "", 1);
        TrainedModel m = new TrainedModel(spec, spec.build(new SplittableRandom(1)), Task.BINARY,
                Objective.BINARY_CROSS_ENTROPY, pipeline, new Scaling(Scaling.Kind.NONE, new float[4],
                new float[] {1, 1, 1, 1}), new Scaling(Scaling.Kind.NONE, new float[1], new float[] {1}),
                List.of("no", "yes"), "y", 0.5, Map.of());
        assertThatThrownBy(() -> OnnxExport.toBytes(m)).isInstanceOf(ExportException.class)
                .hasMessage("input column 'label' has the name of an output of the ONNX graph; rename the column and "
                        + "train again to export");
    }

    @Test
    void missingTokensAreMatchedInEveryLetterCase() {
        assertThat(PipelineNodes.spellings("NA")).containsExactlyInAnyOrder("na", "Na", "nA", "NA");
        assertThat(PipelineNodes.spellings("N/A")).hasSize(4).contains("n/a", "N/A");
        assertThat(PipelineNodes.spellings("?")).containsExactly("?");
        assertThat(PipelineNodes.spellings("not available")).containsExactlyInAnyOrder("not available",
                "NOT AVAILABLE");
    }
}
