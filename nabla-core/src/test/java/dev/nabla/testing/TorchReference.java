package dev.nabla.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Numbers computed by python3-torch with the scripts in {@code scripts/torch-reference/}, committed as JSON under
 * the test resources' {@code torch-reference/} folder.
 */
public final class TorchReference {
    private TorchReference() {
    }

    /** The JSON object of {@code torch-reference/NAME}. */
    public static JsonObject load(String name) {
        String path = "/torch-reference/" + name;
        try (InputStream in = TorchReference.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code key} of every object in the array {@code array} of {@code reference}, in order. */
    public static java.util.List<String> names(JsonObject reference, String array, String key) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonElement c : reference.getAsJsonArray(array)) {
            out.add(c.getAsJsonObject().get(key).getAsString());
        }
        return out;
    }

    /** The object of the array {@code array} whose {@code key} is {@code name}. */
    public static JsonObject find(JsonObject reference, String array, String key, String name) {
        for (JsonElement c : reference.getAsJsonArray(array)) {
            if (c.getAsJsonObject().get(key).getAsString().equals(name)) {
                return c.getAsJsonObject();
            }
        }
        throw new IllegalArgumentException("no " + key + " '" + name + "' in " + array);
    }

    /** A flat JSON array of numbers. */
    public static double[] doubles(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    /** A JSON array of numbers, or of rows of numbers, as a float64 tensor of the same shape. */
    public static Tensor tensor(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        if (a.isEmpty() || !a.get(0).isJsonArray()) {
            return Tensor.wrap(doubles(a), a.size());
        }
        int rows = a.size();
        int cols = a.get(0).getAsJsonArray().size();
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(doubles(a.get(i)), 0, out, i * cols, cols);
        }
        return Tensor.wrap(out, rows, cols);
    }

    /** The largest |a − b| / max(|b|, floor) over the elements. */
    public static double relativeError(double[] actual, double[] expected, double floor) {
        if (actual.length != expected.length) {
            throw new AssertionError("lengths " + actual.length + " and " + expected.length);
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor));
        }
        return worst;
    }

    /**
     * The 3-4-3 tanh network of {@code scripts/torch-reference/optimizers.py} in float64, with its initial weights.
     */
    public static dev.nabla.nn.Sequential network() {
        JsonObject ref = load("optimizers.json");
        dev.nabla.nn.Sequential net = dev.nabla.nn.ModelSpec.mlp(3, "4:tanh", 3).build(new java.util.SplittableRandom(0));
        net.to(DType.F64);
        JsonObject shapes = ref.getAsJsonObject("shapes");
        java.util.Map<String, Tensor> initial = new java.util.LinkedHashMap<>();
        for (var e : ref.getAsJsonObject("initial").entrySet()) {
            double[] s = doubles(shapes.get(e.getKey()));
            int[] shape = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                shape[i] = (int) s[i];
            }
            initial.put(e.getKey(), Tensor.wrap(doubles(e.getValue()), shape));
        }
        net.loadStateDict(initial);
        return net;
    }

    /** The 12 rows and labels of {@code scripts/torch-reference/optimizers.py} as one batch. */
    public static dev.nabla.data.Batch batch() {
        JsonObject ref = load("optimizers.json");
        return dev.nabla.data.Batch.of(tensor(ref.get("x")), tensor(ref.get("y")));
    }

    /** A float64 tensor's elements. */
    public static double[] values(Tensor t) {
        return t.to(DType.F64).toDoubleArray();
    }
}
