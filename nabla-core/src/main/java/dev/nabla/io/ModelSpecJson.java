package dev.nabla.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nabla.nn.Init;
import dev.nabla.nn.LayerSpec;
import dev.nabla.nn.ModelSpec;
import dev.nabla.tensor.Activation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link ModelSpec} as JSON, the format of {@code --model-spec} files and of a model file's architecture:
 * <pre>{@code
 * {"inputs": 4,
 *  "layers": [{"type": "linear", "units": 16}, {"type": "leaky_relu", "slope": 0.01},
 *             {"type": "linear", "units": 3, "bias": false, "init": "xavier_uniform"},
 *             {"type": "add", "branches": [[{"type": "linear", "units": 3}, {"type": "relu"}], [{"type": "identity"}]]}]}
 * }</pre>
 * Layer types are {@code linear}, {@code add} and the activations of {@link Activation#fromId}; {@code init} names are
 * those of {@link Init#fromId}. Unknown keys are errors, so a misspelt option is never silently ignored.
 */
public final class ModelSpecJson {
    private static final Set<String> TOP_KEYS = Set.of("inputs", "layers");
    private static final Set<String> LINEAR_KEYS = Set.of("type", "units", "bias", "init");
    private static final Set<String> LEAKY_KEYS = Set.of("type", "slope");
    private static final Set<String> ACTIVATION_KEYS = Set.of("type");
    private static final Set<String> ADD_KEYS = Set.of("type", "branches");
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
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ModelFileException(file + ": larger than " + MAX_FILE_BYTES + " bytes; not a model spec");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file", e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e, e);
        }
        return parse(text, file.toString(), inputs, outputs);
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
            switch (layer) {
                case LayerSpec.Dense d -> {
                    o.addProperty("type", "linear");
                    o.addProperty("units", d.units());
                    if (!d.bias()) {
                        o.addProperty("bias", false);
                    }
                    if (d.init() != null) {
                        o.addProperty("init", d.init().name().toLowerCase(Locale.ROOT));
                    }
                }
                case LayerSpec.Pointwise p -> {
                    o.addProperty("type", p.activation().id());
                    if (p.activation() == Activation.LEAKY_RELU) {
                        o.addProperty("slope", p.slope());
                    }
                }
                case LayerSpec.Branches b -> {
                    o.addProperty("type", "add");
                    JsonArray branches = new JsonArray();
                    b.branches().forEach(branch -> branches.add(layersToJson(branch)));
                    o.add("branches", branches);
                }
            }
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
        int lastLinear = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof JsonObject l && "linear".equalsIgnoreCase(stringOrNull(l.get("type")))) {
                lastLinear = i;
            }
        }
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            specs.add(layer(layers.get(i), layersPlace.index(i), i == lastLinear ? outputs : 0));
        }
        try {
            return new ModelSpec(in, specs);
        } catch (IllegalArgumentException e) {
            throw place.error(e.getMessage());
        }
    }

    private static String stringOrNull(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /** One layer; {@code defaultUnits} > 0 fills a missing "units" (the last linear layer only). */
    private static LayerSpec layer(JsonElement element, JsonPlace place, int defaultUnits) throws ModelFileException {
        JsonObject o = place.object(element);
        String type = place.key("type").string(place.required(o, "type")).toLowerCase(Locale.ROOT);
        try {
            return switch (type) {
                case "linear" -> linear(o, place, defaultUnits);
                case "add" -> branches(o, place);
                default -> activation(o, place, type);
            };
        } catch (IllegalArgumentException e) {
            throw place.error(e.getMessage());
        }
    }

    private static LayerSpec linear(JsonObject o, JsonPlace place, int defaultUnits) throws ModelFileException {
        place.requireOnly(o, LINEAR_KEYS);
        int units;
        if (o.has("units")) {
            units = place.key("units").integer(o.get("units"), 1, Integer.MAX_VALUE);
        } else if (defaultUnits > 0) {
            units = defaultUnits;
        } else {
            throw place.error("missing \"units\" (only the last linear layer may leave it to the dataset)");
        }
        boolean bias = !o.has("bias") || place.key("bias").bool(o.get("bias"));
        Init init = null;
        if (o.has("init")) {
            JsonPlace initPlace = place.key("init");
            String name = initPlace.string(o.get("init"));
            try {
                init = Init.fromId(name);
            } catch (IllegalArgumentException e) {
                throw initPlace.error(e.getMessage());
            }
        }
        return new LayerSpec.Dense(units, bias, init);
    }

    private static LayerSpec branches(JsonObject o, JsonPlace place) throws ModelFileException {
        place.requireOnly(o, ADD_KEYS);
        JsonPlace branchesPlace = place.key("branches");
        JsonArray branches = branchesPlace.array(place.required(o, "branches"));
        List<List<LayerSpec>> out = new ArrayList<>();
        for (int b = 0; b < branches.size(); b++) {
            JsonPlace branchPlace = branchesPlace.index(b);
            JsonArray branch = branchPlace.array(branches.get(b));
            List<LayerSpec> layers = new ArrayList<>();
            for (int i = 0; i < branch.size(); i++) {
                // Inside a branch every linear layer states its units: only the network's last layer is the dataset's.
                layers.add(layer(branch.get(i), branchPlace.index(i), 0));
            }
            out.add(layers);
        }
        return new LayerSpec.Branches(out);
    }

    private static LayerSpec activation(JsonObject o, JsonPlace place, String type) throws ModelFileException {
        Activation f;
        try {
            f = Activation.fromId(type);
        } catch (IllegalArgumentException e) {
            throw place.error("unknown type \"" + type + "\"; expected linear, add, identity, tanh, sigmoid, relu or "
                    + "leaky_relu");
        }
        if (f == Activation.LEAKY_RELU) {
            place.requireOnly(o, LEAKY_KEYS);
            return o.has("slope") ? new LayerSpec.Pointwise(f, place.key("slope").number(o.get("slope")))
                    : new LayerSpec.Pointwise(f);
        }
        place.requireOnly(o, ACTIVATION_KEYS);
        return new LayerSpec.Pointwise(f);
    }
}
