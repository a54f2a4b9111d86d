package dev.nabla.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reference values computed independently of Nabla (PyTorch, mpmath) by {@code scripts/torch-reference.py}, read
 * from the test resources {@code reference/*.json}.
 */
public final class Reference {
    private Reference() {
    }

    /** The parsed file {@code reference/name}. */
    public static JsonElement load(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource reference/" + name
                        + "; run scripts/torch-reference.py");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of numbers, or of rows of numbers, as a float64 tensor (as {@link TorchReference} reads them). */
    public static Tensor tensor(JsonElement array) {
        return TorchReference.tensor(array);
    }

    /** Field {@code key} of an object. */
    public static JsonElement field(JsonElement object, String key) {
        JsonObject o = object.getAsJsonObject();
        if (!o.has(key)) {
            throw new IllegalStateException("reference has no field '" + key + "'");
        }
        return o.get(key);
    }
}
