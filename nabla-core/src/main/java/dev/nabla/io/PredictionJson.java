package dev.nabla.io;

import com.google.gson.stream.JsonWriter;
import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON that {@code nabla serve} answers besides predictions ({@link PredictionEndpoint}): what a model reads and
 * answers, and errors.
 */
public final class PredictionJson {
    private PredictionJson() {
    }

    /** What the model reads and answers, for {@code GET /model}: columns, features, classes, pipeline, provenance. */
    public static String describe(TrainedModel model) {
        StringWriter s = new StringWriter();
        try (JsonWriter w = new JsonWriter(s)) {
            w.setHtmlSafe(false);
            w.setIndent("  ");
            w.beginObject();
            w.name("task").value(model.task().id());
            w.name("target").value(model.targetName());
            strings(w.name("columns"), model.pipeline().columns());
            strings(w.name("features"), model.featureNames());
            strings(w.name("classes"), model.classNames());
            if (model.classNames().size() == 2) {
                w.name("threshold").value(model.threshold());
            }
            strings(w.name("pipeline"), model.pipeline().describe());
            w.name("provenance").beginObject();
            for (Map.Entry<String, String> e : model.provenance().entrySet()) {
                w.name(e.getKey()).value(e.getValue());
            }
            w.endObject();
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString();
    }

    /** {@code {"error": message}}. */
    public static String error(String message) {
        StringWriter s = new StringWriter();
        try (JsonWriter w = new JsonWriter(s)) {
            w.setHtmlSafe(false);
            w.beginObject().name("error").value(message).endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString();
    }

    private static void strings(JsonWriter w, List<String> values) throws IOException {
        w.beginArray();
        for (String v : values) {
            w.value(v);
        }
        w.endArray();
    }
}
