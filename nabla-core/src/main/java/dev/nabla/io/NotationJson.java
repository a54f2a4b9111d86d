package dev.nabla.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nabla.explain.Notation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Notation} as JSON, the format of {@code nabla explain --notation} files:
 * <pre>{@code
 * {"title": "UMONS, Machine Learning II",
 *  "symbols": {"W₁": "U", "b₁": "b", "A₁": "G", "H₁": "H", "L": "ε", "T": "y"},
 *  "notes": {"b̄₂": "The seed writes c̄ = zᵀ1; the gradient is z̄ᵀ1."}}
 * }</pre>
 * Keys are Nabla's default symbols, as {@code nabla explain} prints them without a notation.
 */
public final class NotationJson {
    private static final Set<String> KEYS = Set.of("title", "symbols", "notes");
    private static final long MAX_FILE_BYTES = 1_000_000;

    private NotationJson() {
    }

    /**
     * Reads a notation file.
     *
     * @throws ModelFileException one line naming the file and the JSON path at fault
     */
    public static Notation read(Path file) throws ModelFileException {
        String source = file.toString();
        JsonPlace root = JsonPlace.root(source);
        JsonObject o = JsonPlace.parseObject(JsonPlace.readText(file, MAX_FILE_BYTES, "a notation"), source);
        root.requireOnly(o, KEYS);
        String title = o.has("title") ? root.key("title").string(o.get("title")) : "";
        try {
            return new Notation(title, strings(root, o, "symbols"), strings(root, o, "notes"));
        } catch (IllegalArgumentException e) {
            throw root.key("symbols").error(e.getMessage());
        }
    }

    private static Map<String, String> strings(JsonPlace root, JsonObject o, String key) throws ModelFileException {
        Map<String, String> out = new LinkedHashMap<>();
        if (o.has(key)) {
            JsonPlace place = root.key(key);
            for (Map.Entry<String, JsonElement> e : place.object(o.get(key)).entrySet()) {
                out.put(e.getKey(), place.key(e.getKey()).string(e.getValue()));
            }
        }
        return out;
    }
}
