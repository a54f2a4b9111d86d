import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs a model that {@code nabla export} wrote, in ONNX Runtime: the iris model of the README on three irises.
 * Usage: java --enable-native-access=ALL-UNNAMED -cp onnxruntime-1.22.0.jar examples/onnx/PredictIris.java iris.onnx
 */
public class PredictIris {
    public static void main(String[] args) throws Exception {
        var env = OrtEnvironment.getEnvironment();
        float[][] rows = {{5.1f, 3.5f, 1.4f, 0.2f}, {6.4f, 3.2f, 4.5f, 1.5f}, {7.7f, 3.0f, 6.1f, 2.3f}};
        try (OrtSession model = env.createSession(args[0]);
             OnnxTensor features = OnnxTensor.createTensor(env, rows);
             OrtSession.Result out = model.run(Map.of("features", features))) {
            String[] labels = (String[]) out.get("label").orElseThrow().getValue();
            float[][] probabilities = (float[][]) out.get("probabilities").orElseThrow().getValue();
            for (int i = 0; i < rows.length; i++) {
                System.out.println(labels[i] + " " + Arrays.toString(probabilities[i]));
            }
        }
    }
}
