package dev.nabla.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.nabla.nn.Init;
import dev.nabla.nn.LayerKind;
import dev.nabla.nn.LayerSpec;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.SpecReader;
import dev.nabla.nn.SpecWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link ModelSpec} as JSON, the format of {@code --model-spec} files and of a model file's architecture:
 * <pre>{@code
 * {"inputs": 4,
 *  "layers": [{"type": "linear", "units": 16}, {"type": "leaky_relu", "slope": 0.01},
 *             {"type": "linear", "units": 3, "bias": false, "init": "xavier_uniform"},
 *             {"type": "add", "branches": [[{"type": "linear", "units": 3}, {"type": "relu"}], [{"type": "identity"}]]}]}
 * }</pre>
 * Each layer object is {@code "type"} plus the fields its {@link LayerKind} names; the layer kinds themselves say
 * what they hold, so this class knows none of them. {@code init} names are those of {@link Init#fromId}. Unknown
 * keys are errors, so a misspelt option is never silently ignored.
 */
public final class ModelSpecJson {
    private static final Set<String> TOP_KEYS = Set.of("inputs", "layers");
    /** The layer type whose last occurrence may leave its width to the dataset. */
    private static final String LINEAR = "linear";
    /** Largest file read: a spec is a few lines, and a huge one is a mistake, not an architecture. */
    private static final long MAX_FILE_BYTES = 10_000_000;

    private ModelSpecJson() {
    }

    /** The spec as indented JSON; {@link #parse} reads it back to an equal spec. */
    public static String write(ModelSpec spec) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson(spec));
    }

    /**
     * Reads a spec file. A missing {@code "inputs"} becomes {@code inputs}, and a missing {@code "units"} on the last
     * linear layer becomes {@code outputs}, so that one file fits any dataset.
     *
     * @throws ModelFileException one line naming the file and the JSON path at fault, e.g.
     *                            {@code spec.json: layers[3]: unknown type "relu6"}
     */
    public static ModelSpec read(Path file, int inputs, int outputs) throws ModelFileException {
        return parse(JsonPlace.readText(file, MAX_FILE_BYTES, "a model spec"), file.toString(), inputs, outputs);
    }

    /** As {@link #read}, from JSON text; {@code source} names it in errors. */
    public static ModelSpec parse(String json, String source, int inputs, int outputs) throws ModelFileException {
        return fromJson(JsonPlace.parseObject(json, source), JsonPlace.root(source), inputs, outputs);
    }

    static JsonObject toJson(ModelSpec spec) {
        JsonObject o = new JsonObject();
        o.addProperty("inputs", spec.inputs());
        o.add("layers", layersToJson(spec.layers()));
        return o;
    }

    private static JsonArray layersToJson(List<LayerSpec> layers) {
        JsonArray a = new JsonArray();
        for (LayerSpec layer : layers) {
            JsonObject o = new JsonObject();
            o.addProperty("type", layer.type());
            layer.write(new Writer(o));
            a.add(o);
        }
        return a;
    }

    /** Reads a spec object at {@code place}; {@code inputs} or {@code outputs} ≤ 0 means the JSON must give them. */
    static ModelSpec fromJson(JsonObject o, JsonPlace place, int inputs, int outputs) throws ModelFileException {
        place.requireOnly(o, TOP_KEYS);
        int in;
        if (o.has("inputs") || inputs <= 0) {
            in = place.key("inputs").integer(place.required(o, "inputs"), 1, Integer.MAX_VALUE);
        } else {
            in = inputs;
        }
        JsonPlace layersPlace = place.key("layers");
        JsonArray layers = layersPlace.array(place.required(o, "layers"));
        if (layers.isEmpty()) {
            throw layersPlace.error("a network needs at least one layer");
        }
        if (outputs > 0) {
            layers = withFinalUnits(layers, outputs);
        }
        List<LayerSpec> specs = layers(layers, layersPlace);
        try {
            return new ModelSpec(in, specs);
        } catch (IllegalArgumentException e) {
            throw place.error(e.getMessage());
        }
    }

    /** A copy of {@code layers} whose last linear layer states {@code units} when it did not. */
    private static JsonArray withFinalUnits(JsonArray layers, int units) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i) instanceof JsonObject l && l.get("type") instanceof JsonPrimitive t && t.isString()
                    && LINEAR.equals(t.getAsString().toLowerCase(Locale.ROOT))) {
                if (!l.has("units")) {
                    JsonArray copy = layers.deepCopy();
                    copy.get(i).getAsJsonObject().addProperty("units", units);
                    return copy;
                }
                break;
            }
        }
        return layers;
    }

    private static List<LayerSpec> layers(JsonArray layers, JsonPlace place) throws ModelFileException {
        List<LayerSpec> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            out.add(layer(layers.get(i), place.index(i)));
        }
        return out;
    }

    private static LayerSpec layer(JsonElement element, JsonPlace place) throws ModelFileException {
        JsonObject o = place.object(element);
        String type = place.key("type").string(place.required(o, "type")).toLowerCase(Locale.ROOT);
        LayerKind kind = LayerKind.of(type);
        if (kind == null) {
            throw place.error("unknown type \"" + type + "\"; expected one of " + LayerKind.names());
        }
        Set<String> allowed = new HashSet<>(kind.keys());
        allowed.add("type");
        place.requireOnly(o, allowed);
        try {
            return kind.read().apply(new Reader(o, place));
        } catch (Failure f) {
            throw f.error;
        } catch (IllegalArgumentException e) {
            throw place.error(e.getMessage());
        }
    }

    /** Carries a {@link ModelFileException} through a layer kind's reader, which cannot throw checked ones. */
    private static final class Failure extends RuntimeException {
        final ModelFileException error;

        Failure(ModelFileException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private interface Read<T> {
        T from(JsonPlace place, JsonElement e) throws ModelFileException;
    }

    /** A layer's fields from its JSON object; errors name the field's place. */
    private record Reader(JsonObject o, JsonPlace place) implements SpecReader {
        private <T> T get(String key, Read<T> read) {
            try {
                return read.from(place.key(key), place.required(o, key));
            } catch (ModelFileException e) {
                throw new Failure(e);
            }
        }

        @Override
        public boolean has(String key) {
            return o.has(key);
        }

        @Override
        public int integer(String key, int min, int max) {
            return get(key, (p, e) -> p.integer(e, min, max));
        }

        @Override
        public int[] integers(String key, int min, int max) {
            return get(key, (p, e) -> {
                JsonArray a = p.array(e);
                int[] out = new int[a.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = p.index(i).integer(a.get(i), min, max);
                }
                return out;
            });
        }

        @Override
        public double number(String key) {
            return get(key, JsonPlace::number);
        }

        @Override
        public boolean bool(String key) {
            return get(key, JsonPlace::bool);
        }

        @Override
        public String string(String key) {
            return get(key, JsonPlace::string);
        }

        @Override
        public <T> T parse(String key, Function<String, T> parse) {
            return get(key, (p, e) -> {
                String text = p.string(e);
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException x) {
                    throw p.error(x.getMessage());
                }
            });
        }

        @Override
        public List<LayerSpec> layers(String key) {
            return get(key, (p, e) -> ModelSpecJson.layers(p.array(e), p));
        }

        @Override
        public List<List<LayerSpec>> branches(String key) {
            return get(key, (p, e) -> {
                JsonArray branches = p.array(e);
                List<List<LayerSpec>> out = new ArrayList<>();
                for (int b = 0; b < branches.size(); b++) {
                    // Inside a branch every linear layer states its units: only the network's last layer is the dataset's.
                    out.add(ModelSpecJson.layers(p.index(b).array(branches.get(b)), p.index(b)));
                }
                return out;
            });
        }
    }

    /** A layer's fields into its JSON object. */
    private record Writer(JsonObject o) implements SpecWriter {
        @Override
        public void writeNumber(String key, double value) {
            o.addProperty(key, value);
        }

        @Override
        public void writeInteger(String key, long value) {
            o.addProperty(key, value);
        }

        @Override
        public void writeBool(String key, boolean value) {
            o.addProperty(key, value);
        }

        @Override
        public void writeIntegers(String key, int[] values) {
            JsonArray a = new JsonArray();
            for (int v : values) {
                a.add(v);
            }
            o.add(key, a);
        }

        @Override
        public void writeString(String key, String value) {
            o.addProperty(key, value);
        }

        @Override
        public void writeLayers(String key, List<LayerSpec> layers) {
            o.add(key, layersToJson(layers));
        }

        @Override
        public void writeBranches(String key, List<List<LayerSpec>> branches) {
            JsonArray a = new JsonArray();
            branches.forEach(branch -> a.add(layersToJson(branch)));
            o.add(key, a);
        }
    }
}
