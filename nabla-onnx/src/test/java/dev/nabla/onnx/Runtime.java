package dev.nabla.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.nabla.data.CategoryEncoder;
import dev.nabla.data.Encoder;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.TrainedModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs an exported model in ONNX Runtime on the rows a test gives {@code nabla predict}. */
final class Runtime {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** What ONNX Runtime answered: probabilities and labels, or values. */
    record Outputs(float[][] probabilities, String[] labels, float[][] values) {
    }

    private Runtime() {
    }

    /** Runs {@code onnx} on features [N, F] (a model of numeric features only). */
    static Outputs run(byte[] onnx, Tensor features) throws OrtException {
        float[][] rows = new float[features.rows()][features.cols()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = (float) features.get(i, j);
            }
        }
        try (OnnxTensor x = OnnxTensor.createTensor(ENV, rows)) {
            return run(onnx, Map.of(OnnxExport.FEATURES, x));
        }
    }

    /**
     * Runs {@code onnx} on raw rows as {@code predictRows} takes them: per column a float [N, 1] (NaN for a missing
     * number) or a string [N, 1] (the text; "" for a missing category).
     */
    static Outputs run(byte[] onnx, TrainedModel model, List<Map<String, Object>> rows) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (Encoder e : model.pipeline().encoders()) {
                String c = e.column();
                long[] shape = {rows.size(), 1};
                if (e instanceof CategoryEncoder) {
                    String[] texts = new String[rows.size()];
                    for (int i = 0; i < texts.length; i++) {
                        Object cell = rows.get(i).get(c);
                        texts[i] = cell == null ? "" : cell.toString();
                    }
                    inputs.put(c, OnnxTensor.createTensor(ENV, texts, shape));
                } else {
                    float[] numbers = new float[rows.size()];
                    for (int i = 0; i < numbers.length; i++) {
                        Object cell = rows.get(i).get(c);
                        numbers[i] = cell == null ? Float.NaN : ((Number) cell).floatValue();
                    }
                    inputs.put(c, OnnxTensor.createTensor(ENV, java.nio.FloatBuffer.wrap(numbers), shape));
                }
            }
            return run(onnx, inputs);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static Outputs run(byte[] onnx, Map<String, OnnxTensor> inputs) throws OrtException {
        try (OrtSession session = ENV.createSession(onnx, new OrtSession.SessionOptions());
             OrtSession.Result r = session.run(inputs)) {
            if (r.get(OnnxExport.VALUE).isPresent()) {
                return new Outputs(null, null, (float[][]) value(r, OnnxExport.VALUE));
            }
            return new Outputs((float[][]) value(r, OnnxExport.PROBABILITIES), (String[]) value(r, OnnxExport.LABEL),
                    null);
        }
    }

    private static Object value(OrtSession.Result r, String name) throws OrtException {
        OnnxValue v = r.get(name).orElseThrow(() -> new AssertionError("no output '" + name + "'"));
        return v.getValue();
    }
}
