package dev.nabla.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Set;

/**
 * A place in a JSON document — the file and the path inside it — and typed reads that fail there with a one-line
 * {@link ModelFileException} such as {@code spec.json: layers[3]: unknown type "relu6"}.
 *
 * @param source the file (or other source) the JSON came from
 * @param path   the path inside the document, e.g. {@code layers[3].units}; empty at the root
 */
record JsonPlace(String source, String path) {

    /** The root of the document in {@code source}. */
    static JsonPlace root(String source) {
        return new JsonPlace(source, "");
    }

    /** The UTF-8 text of a small JSON file; a missing, unreadable or larger file fails naming it. */
    static String readText(java.nio.file.Path file, long maxBytes, String what) throws ModelFileException {
        try {
            if (java.nio.file.Files.size(file) > maxBytes) {
                throw new ModelFileException(file + ": larger than " + maxBytes + " bytes; not " + what);
            }
            return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file", e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e, e);
        }
    }

    /** Parses {@code text} as one strict JSON object (no comments, no unquoted strings, nothing after it). */
    static JsonObject parseObject(String text, String source) throws ModelFileException {
        return root(source).parseObject(text);
    }

    /** Parses {@code text}, found at this place (e.g. inside a metadata string), as one strict JSON object. */
    JsonObject parseObject(String text) throws ModelFileException {
        JsonPlace place = this;
        JsonElement element;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            element = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw place.error("unexpected text after the JSON object");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            if (e instanceof ModelFileException m) {
                throw m;
            }
            throw place.error("malformed JSON: " + oneLine(e.getMessage()));
        }
        return place.object(element);
    }

    /** Gson's message, first line only (the rest is a link), without its advice to read leniently: Nabla never does. */
    static String oneLine(String message) {
        String m = message == null ? "unreadable" : message;
        int newline = m.indexOf('\n');
        // Gson wraps its reader's exception and keeps its class name in the message: the words are enough.
        String first = (newline < 0 ? m : m.substring(0, newline)).replaceFirst("^([\\w$]+\\.)+\\w+(Exception|Error): ", "");
        String line = first.replace(LENIENT_ADVICE, "not strict JSON (comments, single quotes, unquoted words, "
                + "NaN and missing or trailing commas are refused)");
        return line.length() <= 300 ? line : line.substring(0, 297) + "…";
    }

    private static final String LENIENT_ADVICE = "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";

    JsonPlace key(String key) {
        return new JsonPlace(source, path.isEmpty() ? key : path + "." + key);
    }

    JsonPlace index(int i) {
        return new JsonPlace(source, path + "[" + i + "]");
    }

    ModelFileException error(String message) {
        return new ModelFileException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** Fails unless every key of {@code object} is one of {@code allowed}. */
    void requireOnly(JsonObject object, Set<String> allowed) throws ModelFileException {
        for (String k : object.keySet()) {
            if (!allowed.contains(k)) {
                throw error("unknown key \"" + k + "\"; expected " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** {@code object[key]}, which must be present. */
    JsonElement required(JsonObject object, String key) throws ModelFileException {
        JsonElement e = object.get(key);
        if (e == null) {
            throw error("missing \"" + key + "\"");
        }
        return e;
    }

    JsonObject object(JsonElement e) throws ModelFileException {
        if (!e.isJsonObject()) {
            throw error("expected an object, got " + kind(e));
        }
        return e.getAsJsonObject();
    }

    JsonArray array(JsonElement e) throws ModelFileException {
        if (!e.isJsonArray()) {
            throw error("expected an array, got " + kind(e));
        }
        return e.getAsJsonArray();
    }

    String string(JsonElement e) throws ModelFileException {
        if (!(e instanceof JsonPrimitive p && p.isString())) {
            throw error("expected a string, got " + kind(e));
        }
        return p.getAsString();
    }

    boolean bool(JsonElement e) throws ModelFileException {
        if (!(e instanceof JsonPrimitive p && p.isBoolean())) {
            throw error("expected true or false, got " + kind(e));
        }
        return p.getAsBoolean();
    }

    /** A whole number written without fraction or exponent, within long's range. */
    long integer(JsonElement e) throws ModelFileException {
        if (!(e instanceof JsonPrimitive p && p.isNumber())) {
            throw error("expected an integer, got " + kind(e));
        }
        try {
            return Long.parseLong(p.getAsString());
        } catch (NumberFormatException x) {
            throw error("expected an integer, got " + p.getAsString());
        }
    }

    /** An integer in [min, max]. */
    int integer(JsonElement e, int min, int max) throws ModelFileException {
        long v = integer(e);
        if (v < min || v > max) {
            throw error("expected an integer in [" + min + ", " + max + "], got " + v);
        }
        return (int) v;
    }

    double number(JsonElement e) throws ModelFileException {
        if (!(e instanceof JsonPrimitive p && p.isNumber())) {
            throw error("expected a number, got " + kind(e));
        }
        double v = p.getAsDouble();
        if (!Double.isFinite(v)) {
            throw error("expected a finite number, got " + p.getAsString());
        }
        return v;
    }

    /** An array of strings. */
    List<String> strings(JsonElement e) throws ModelFileException {
        JsonArray a = array(e);
        String[] out = new String[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(i).string(a.get(i));
        }
        return List.of(out);
    }

    private static String kind(JsonElement e) {
        if (e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        String text = e.getAsJsonPrimitive().getAsString();
        // Hostile files may hold megabyte strings; an error message stays one readable line.
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return e.getAsJsonPrimitive().isString() ? "the string \"" + shown + "\"" : shown;
    }
}
