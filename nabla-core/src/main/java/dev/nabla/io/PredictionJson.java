package dev.nabla.io;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import dev.nabla.data.DataException;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Predictions as JSON, for {@code nabla serve}: requests {@code {"rows": [{"column": cell, …}, …]}} (a cell is a
 * number, a text or null) become rows for {@link TrainedModel#predictRows}; predictions become
 * {@code {"predictions": [{"label": …, "probabilities": {"class": p, …}} | {"value": v}, …]}}, numbers written as
 * {@code nabla predict} writes them (the shortest float32 form).
 */
public final class PredictionJson {
    private PredictionJson() {
    }

    /**
     * The rows of a request body.
     *
     * @throws DataException one line naming the place at fault, e.g. {@code request: rows[2].Age: a cell must be a
     *                       number, a text or null}
     */
    public static List<Map<String, Object>> rows(Reader body, String source) {
        try (JsonReader in = new JsonReader(body)) {
            in.setStrictness(com.google.gson.Strictness.STRICT);
            List<Map<String, Object>> rows = null;
            in.beginObject();
            while (in.hasNext()) {
                String key = in.nextName();
                if (!key.equals("rows")) {
                    throw new DataException(source + ": unknown key \"" + key + "\"; a request is {\"rows\": [{…}, …]}");
                }
                rows = rows(in, source);
            }
            in.endObject();
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw new DataException(source + ": text after the JSON object");
            }
            if (rows == null) {
                throw new DataException(source + ": no \"rows\"; a request is {\"rows\": [{…}, …]}");
            }
            return rows;
        } catch (MalformedJsonException | IllegalStateException | java.io.EOFException e) {
            throw new DataException(source + ": not a JSON request: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> rows(JsonReader in, String source) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            Map<String, Object> row = new HashMap<>();
            in.beginObject();
            while (in.hasNext()) {
                String column = in.nextName();
                Object cell = switch (in.peek()) {
                    case NUMBER, STRING -> in.nextString();
                    case BOOLEAN -> Boolean.toString(in.nextBoolean());
                    case NULL -> {
                        in.nextNull();
                        yield null;
                    }
                    default -> throw new DataException(source + ": rows[" + rows.size() + "]." + column
                            + ": a cell must be a number, a text or null");
                };
                row.put(column, cell);
            }
            in.endObject();
            rows.add(row);
        }
        in.endArray();
        return rows;
    }

    private static String firstLine(String message) {
        String m = message == null ? "malformed" : message;
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end);
    }

    /** {@code {"predictions": […]}} for {@code p}, written to {@code out}. */
    public static void write(TrainedModel model, Prediction p, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setHtmlSafe(false);
        w.beginObject().name("predictions").beginArray();
        List<String> classes = model.classNames();
        for (int i = 0; i < p.rows(); i++) {
            w.beginObject();
            if (p.classes() == null) {
                w.name("value").value((Number) p.values()[i]);
            } else {
                w.name("label").value(classes.get(p.classes()[i]));
                w.name("probabilities").beginObject();
                for (int k = 0; k < classes.size(); k++) {
                    w.name(classes.get(k)).value((Number) (float) p.probabilities().get(i, k));
                }
                w.endObject();
            }
            w.endObject();
        }
        w.endArray().endObject().flush();
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
