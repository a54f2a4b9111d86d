package dev.nabla.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.EpochResult;
import dev.nabla.train.TrainingState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link TrainingState} and the arguments of the run that made it, as one {@code .safetensors} file in a checkpoint
 * directory: tensors {@code model/…}, {@code optimizer/…} and {@code best/…}, and in {@code __metadata__} the key
 * {@code nabla_checkpoint}, a JSON string with the position, the schedule's state, the generators' positions, the
 * partial epoch's sums, the history, the early-stopping record and the arguments. Numbers are written as the
 * shortest decimal that reads back to the same double, so a resumed run continues with the same bits. Each write is
 * atomic and the directory keeps the last {@value #KEEP}.
 */
public final class CheckpointFile {
    /** Version of the checkpoint metadata; resuming refuses others rather than guess. */
    public static final int FORMAT_VERSION = 1;
    public static final String METADATA_KEY = "nabla_checkpoint";
    static final int KEEP = 2;
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{12})\\.safetensors");
    private static final String MODEL = "model/";
    private static final String OPTIMIZER = "optimizer/";
    private static final String BEST = "best/";

    private CheckpointFile() {
    }

    /**
     * A checkpoint as read back.
     *
     * @param file  the file it came from
     * @param state the run's state
     * @param args  the arguments of the run
     */
    public record Checkpoint(Path file, TrainingState state, List<String> args) {
    }

    /** Writes {@code state} as checkpoint number {@code step} into {@code dir} (created if needed); keeps the last two. */
    public static Path write(Path dir, long step, TrainingState state, List<String> args) throws IOException {
        Files.createDirectories(dir);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        state.model().forEach((k, t) -> tensors.put(MODEL + k, t));
        state.optimizer().forEach((k, t) -> tensors.put(OPTIMIZER + k, t));
        if (state.best() != null) {
            state.best().forEach((k, t) -> tensors.put(BEST + k, t));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(METADATA_KEY, new GsonBuilder().disableHtmlEscaping().create().toJson(describe(state, args)));
        Path file = dir.resolve(String.format(Locale.ROOT, "checkpoint-%012d.safetensors", step));
        AtomicFiles.removeAbandoned(dir, "checkpoint-");
        Safetensors.write(file, tensors, metadata);
        List<Path> all = list(dir);
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i));
        }
        return file;
    }

    /**
     * The newest checkpoint of {@code dir} that reads back whole (an older one when the newest is damaged).
     *
     * @throws ModelFileException when the directory holds none that can be read, naming what was wrong
     */
    public static Checkpoint latest(Path dir) throws ModelFileException {
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException(dir + ": no such checkpoint directory");
        }
        List<Path> all;
        try {
            all = list(dir);
        } catch (IOException e) {
            throw new ModelFileException(dir + ": cannot list: " + e.getMessage(), e);
        }
        if (all.isEmpty()) {
            throw new ModelFileException(dir + ": no checkpoint-*.safetensors file to resume from");
        }
        ModelFileException last = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return read(all.get(i));
            } catch (ModelFileException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Reads one checkpoint file. */
    public static Checkpoint read(Path file) throws ModelFileException {
        Safetensors.Contents c = Safetensors.read(file);
        String json = c.metadata().get(METADATA_KEY);
        if (json == null) {
            throw new ModelFileException(file + ": not a Nabla checkpoint (no \"" + METADATA_KEY + "\" metadata)");
        }
        JsonPlace place = new JsonPlace(file.toString(), "__metadata__." + METADATA_KEY);
        JsonObject o = place.parseObject(json);
        long version = place.key("format_version").integer(place.required(o, "format_version"));
        if (version != FORMAT_VERSION) {
            throw place.key("format_version").error("version " + version + " is not supported (this Nabla reads "
                    + FORMAT_VERSION + ")");
        }
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        Map<String, Tensor> best = new LinkedHashMap<>();
        c.tensors().forEach((k, t) -> {
            if (k.startsWith(MODEL)) {
                model.put(k.substring(MODEL.length()), t);
            } else if (k.startsWith(OPTIMIZER)) {
                optimizer.put(k.substring(OPTIMIZER.length()), t);
            } else if (k.startsWith(BEST)) {
                best.put(k.substring(BEST.length()), t);
            }
        });
        List<EpochResult> history = new ArrayList<>();
        JsonArray epochs = place.key("history").array(place.required(o, "history"));
        for (int i = 0; i < epochs.size(); i++) {
            JsonPlace at = place.key("history").index(i);
            JsonObject e = at.object(epochs.get(i));
            history.add(new EpochResult((int) at.key("epoch").integer(at.required(e, "epoch")),
                    numbers(at.key("train"), at.required(e, "train")), numbers(at.key("validation"),
                    at.required(e, "validation")), Duration.ofNanos(at.key("nanos").integer(at.required(e, "nanos"))),
                    number(at.key("learning_rate"), at.required(e, "learning_rate"))));
        }
        Map<String, Long> generators = new LinkedHashMap<>();
        JsonObject g = place.key("generators").object(place.required(o, "generators"));
        for (String k : g.keySet()) {
            generators.put(k, place.key("generators").key(k).integer(g.get(k)));
        }
        TrainingState state = new TrainingState(
                (int) place.key("epoch").integer(place.required(o, "epoch")),
                place.key("step").integer(place.required(o, "step")), model, optimizer,
                numbers(place.key("schedule"), place.required(o, "schedule")), generators,
                number(place.key("loss_sum"), place.required(o, "loss_sum")),
                place.key("correct").integer(place.required(o, "correct")),
                place.key("rows").integer(place.required(o, "rows")),
                number(place.key("learning_rate"), place.required(o, "learning_rate")), history,
                number(place.key("best_loss"), place.required(o, "best_loss")),
                (int) place.key("best_epoch").integer(place.required(o, "best_epoch")), best.isEmpty() ? null : best);
        return new Checkpoint(file, state, place.key("args").strings(place.required(o, "args")));
    }

    private static JsonObject describe(TrainingState s, List<String> args) {
        JsonObject o = new JsonObject();
        o.addProperty("format_version", FORMAT_VERSION);
        o.addProperty("epoch", s.epoch());
        o.addProperty("step", s.step());
        o.add("schedule", numbers(s.schedule()));
        JsonObject g = new JsonObject();
        s.generators().forEach(g::addProperty);
        o.add("generators", g);
        o.addProperty("loss_sum", Double.toString(s.lossSum()));
        o.addProperty("correct", s.correct());
        o.addProperty("rows", s.rows());
        o.addProperty("learning_rate", Double.toString(s.learningRate()));
        JsonArray history = new JsonArray();
        for (EpochResult e : s.history()) {
            JsonObject h = new JsonObject();
            h.addProperty("epoch", e.epoch());
            h.add("train", numbers(e.train()));
            h.add("validation", numbers(e.validation()));
            h.addProperty("nanos", e.time().toNanos());
            h.addProperty("learning_rate", Double.toString(e.learningRate()));
            history.add(h);
        }
        o.add("history", history);
        o.addProperty("best_loss", Double.toString(s.bestLoss()));
        o.addProperty("best_epoch", s.bestEpoch());
        o.add("args", PipelineJson.strings(args));
        return o;
    }

    /** Doubles as strings: Java's shortest round-trip decimal, and NaN and ±Infinity, which JSON numbers lack. */
    private static JsonObject numbers(Map<String, Double> values) {
        JsonObject o = new JsonObject();
        values.forEach((k, v) -> o.addProperty(k, Double.toString(v)));
        return o;
    }

    private static Map<String, Double> numbers(JsonPlace place, JsonElement e) throws ModelFileException {
        JsonObject o = place.object(e);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : o.keySet()) {
            out.put(k, number(place.key(k), o.get(k)));
        }
        return out;
    }

    private static double number(JsonPlace place, JsonElement e) throws ModelFileException {
        String text = place.string(e);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException x) {
            throw place.error("expected a number, got \"" + text + "\"");
        }
    }

    /** The checkpoint files of {@code dir}, oldest first. */
    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "checkpoint-*.safetensors")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    out.add(f);
                }
            }
        }
        out.sort(null);
        return out;
    }
}
