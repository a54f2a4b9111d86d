package dev.nabla.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nabla.data.Pipeline;
import dev.nabla.data.Scaling;
import dev.nabla.data.Task;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A {@link TrainedModel} as one {@code .safetensors} file: the weights under PyTorch's {@code state_dict} names for the
 * equivalent {@code torch.nn.Sequential} ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, …), and in
 * {@code __metadata__} the key {@code "format": "pt"} plus the key {@code "nabla"}, one JSON string holding the format
 * version, architecture ({@link ModelSpecJson}), task, objective, the pipeline from raw columns to inputs
 * ({@link PipelineJson}), input and target scaling, class and target names, the decision threshold, the provenance
 * of the run, and dtype. The file is data only: loading it parses numbers and names and runs no code. Version 1
 * files (numeric features only, before pipelines) are read too.
 */
public final class ModelFile {
    /** Version of the {@code nabla} metadata written now; loading refuses other versions rather than guess. */
    public static final int FORMAT_VERSION = 2;
    /** The metadata key holding the model's description. */
    public static final String METADATA_KEY = "nabla";
    private static final Set<String> KEYS = Set.of("format_version", "spec", "task", "objective", "pipeline", "scaling",
            "target_scaling", "class_names", "target_name", "threshold", "provenance", "dtype");
    /** Version 1: numeric features named in a list, no pipeline, threshold or provenance. */
    private static final Set<String> KEYS_V1 = Set.of("format_version", "spec", "task", "objective", "scaling",
            "target_scaling", "class_names", "feature_names", "target_name", "dtype");
    /** Parameters a file's architecture may declare beyond its tensors and still be built to name what is missing. */
    private static final long UNCHECKED_PARAMETERS = 1 << 20;
    private static final Set<String> SCALING_KEYS = Set.of("kind", "shift", "scale");

    private ModelFile() {
    }

    /** Writes {@code model} to {@code file} atomically (a failed write leaves any previous file in place). */
    public static void save(Path file, TrainedModel model) throws IOException {
        Map<String, Tensor> tensors = model.network().stateDict();
        DType dtype = dtypeOf(file, tensors);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(METADATA_KEY, new GsonBuilder().disableHtmlEscaping().create().toJson(describe(model, dtype)));
        Safetensors.write(file, tensors, metadata);
    }

    private static DType dtypeOf(Path file, Map<String, Tensor> tensors) throws ModelFileException {
        Set<DType> dtypes = new LinkedHashSet<>();
        tensors.values().forEach(t -> dtypes.add(t.dtype()));
        if (dtypes.size() > 1) {
            throw new ModelFileException(file + ": the network mixes dtypes " + dtypes + "; convert it with to(dtype)");
        }
        return dtypes.isEmpty() ? DType.F32 : dtypes.iterator().next();
    }

    private static JsonObject describe(TrainedModel model, DType dtype) {
        JsonObject o = new JsonObject();
        o.addProperty("format_version", FORMAT_VERSION);
        o.add("spec", ModelSpecJson.toJson(model.spec()));
        o.addProperty("task", model.task().id());
        o.addProperty("objective", model.objective().id());
        o.add("pipeline", PipelineJson.toJson(model.pipeline()));
        o.add("scaling", scalingToJson(model.scaling()));
        o.add("target_scaling", scalingToJson(model.targetScaling()));
        o.add("class_names", PipelineJson.strings(model.classNames()));
        o.addProperty("target_name", model.targetName());
        o.addProperty("threshold", model.threshold());
        JsonObject provenance = new JsonObject();
        model.provenance().forEach(provenance::addProperty);
        o.add("provenance", provenance);
        o.addProperty("dtype", dtype.name().toLowerCase(Locale.ROOT));
        return o;
    }

    private static JsonObject scalingToJson(Scaling s) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", s.kind().id());
        // A float's shortest decimal (Float.toString) parses back to the same float, so scaling survives exactly.
        JsonArray shift = new JsonArray();
        JsonArray scale = new JsonArray();
        for (int j = 0; j < s.columns(); j++) {
            shift.add(s.shift()[j]);
            scale.add(s.scale()[j]);
        }
        o.add("shift", shift);
        o.add("scale", scale);
        return o;
    }

    /**
     * Reads a model file and rebuilds its network with exactly the stored weights.
     *
     * @throws ModelFileException if the file is not a well-formed safetensors file, its description is missing or
     *                            invalid, or its tensors are not exactly the parameters the architecture has
     */
    public static TrainedModel load(Path file) throws ModelFileException {
        Safetensors.Contents contents = Safetensors.read(file);
        String json = contents.metadata().get(METADATA_KEY);
        if (json == null) {
            throw new ModelFileException(file + ": no \"" + METADATA_KEY + "\" entry in __metadata__; not a Nabla model "
                    + "file (a plain safetensors file holds weights but not the architecture)");
        }
        JsonPlace place = new JsonPlace(file.toString(), "__metadata__." + METADATA_KEY);
        JsonObject o = place.parseObject(json);
        long version = place.key("format_version").integer(place.required(o, "format_version"));
        if (version != FORMAT_VERSION && version != 1) {
            throw place.key("format_version").error("version " + version + " is not supported (this Nabla reads 1 to "
                    + FORMAT_VERSION + ")");
        }
        place.requireOnly(o, version == 1 ? KEYS_V1 : KEYS);
        ModelSpec spec = ModelSpecJson.fromJson(place.key("spec").object(place.required(o, "spec")), place.key("spec"), 0, 0);
        Task task = enumValue(place, o, "task", Task::fromId);
        Objective objective = enumValue(place, o, "objective", Objective::fromId);
        DType dtype = enumValue(place, o, "dtype", id -> DType.valueOf(id.toUpperCase(Locale.ROOT)));
        Scaling scaling = scaling(place.key("scaling"), place.required(o, "scaling"));
        Scaling targetScaling = scaling(place.key("target_scaling"), place.required(o, "target_scaling"));
        List<String> classNames = place.key("class_names").strings(place.required(o, "class_names"));
        Pipeline pipeline = version == 1
                ? Pipeline.numeric(place.key("feature_names").strings(place.required(o, "feature_names")))
                : PipelineJson.fromJson(place.key("pipeline"), place.required(o, "pipeline"));
        String targetName = place.key("target_name").string(place.required(o, "target_name"));
        double threshold = version == 1 ? TrainedModel.DEFAULT_THRESHOLD
                : place.key("threshold").number(place.required(o, "threshold"));
        Map<String, String> provenance = new LinkedHashMap<>();
        if (version > 1) {
            JsonPlace at = place.key("provenance");
            JsonObject p = at.object(place.required(o, "provenance"));
            for (String k : p.keySet()) {
                provenance.put(k, at.key(k).string(p.get(k)));
            }
        }

        // The metadata's architecture is only words: a 1 KB file may declare layers of billions of weights. Nothing
        // much larger than the file's own tensors is built; a small difference is built and fails below, naming the
        // tensor at fault.
        long stored = 0;
        for (Tensor t : contents.tensors().values()) {
            stored += t.size();
        }
        if (spec.stateSize() > stored + UNCHECKED_PARAMETERS) {
            throw place.key("spec").error(String.format(Locale.ROOT, "the architecture has %,d parameters, but the file's "
                    + "tensors hold %,d numbers; the file is damaged", spec.stateSize(), stored));
        }
        requireFinite(file, contents.tensors());
        // The seed is irrelevant: every weight drawn here is overwritten from the file below.
        Module network = spec.build(new SplittableRandom(0)).to(dtype);
        copyWeights(file, network, contents.tensors(), dtype);
        try {
            return new TrainedModel(spec, network, task, objective, pipeline, scaling, targetScaling, classNames,
                    targetName, threshold, provenance);
        } catch (IllegalArgumentException e) {
            throw place.error(e.getMessage());
        }
    }

    private interface Parser<T> {
        T parse(String id);
    }

    private static <T> T enumValue(JsonPlace parent, JsonObject o, String key, Parser<T> parser)
            throws ModelFileException {
        JsonPlace place = parent.key(key);
        String id = place.string(parent.required(o, key));
        try {
            return parser.parse(id);
        } catch (IllegalArgumentException e) {
            throw place.error("unknown value \"" + id + "\"");
        }
    }

    private static Scaling scaling(JsonPlace place, JsonElement e) throws ModelFileException {
        JsonObject o = place.object(e);
        place.requireOnly(o, SCALING_KEYS);
        Scaling.Kind kind = enumValue(place, o, "kind", Scaling.Kind::fromId);
        float[] shift = floats(place.key("shift"), place.required(o, "shift"));
        float[] scale = floats(place.key("scale"), place.required(o, "scale"));
        try {
            return new Scaling(kind, shift, scale);
        } catch (IllegalArgumentException x) {
            throw place.error(x.getMessage());
        }
    }

    private static float[] floats(JsonPlace place, JsonElement e) throws ModelFileException {
        JsonArray a = place.array(e);
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) place.index(i).number(a.get(i));
        }
        return out;
    }

    /** NaN or infinite weights would make every prediction NaN (and a class out of it): refused, naming the place. */
    private static void requireFinite(Path file, Map<String, Tensor> tensors) throws ModelFileException {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            for (int i = 0; i < t.size(); i++) {
                double v = t.get(i);
                if (!Double.isFinite(v)) {
                    String at = t.rank() == 2 ? "[" + i / t.cols() + ", " + i % t.cols() + "]" : "[" + i + "]";
                    throw new ModelFileException(file + ": tensor \"" + e.getKey() + "\" holds " + v + " at " + at
                            + "; a model's weights must be finite numbers (was it saved from a run that diverged?)");
                }
            }
        }
    }

    /** Loads the state dict, whose tensors must all have the model's dtype. */
    private static void copyWeights(Path file, Module network, Map<String, Tensor> tensors, DType dtype)
            throws ModelFileException {
        for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
            if (t.getValue().dtype() != dtype) {
                throw new ModelFileException(file + ": tensor \"" + t.getKey() + "\" is " + t.getValue().dtype()
                        + " but the model's dtype is " + dtype);
            }
        }
        try {
            network.loadStateDict(tensors);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage());
        }
    }
}
