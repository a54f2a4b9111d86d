package dev.nabla.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nabla.data.CategoryEncoder;
import dev.nabla.data.Encoder;
import dev.nabla.data.NumberEncoder;
import dev.nabla.data.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link Pipeline} in a model file's metadata:
 * <pre>{@code
 * {"missing": ["", "NA", …],
 *  "columns": [{"column": "Income", "kind": "number", "fill": 120.5, "indicator": true},
 *              {"column": "Home", "kind": "category", "levels": ["rent", "owner"], "other": true, "missing": false,
 *               "dimension": 0}]}
 * }</pre>
 */
public final class PipelineJson {
    private static final Set<String> KEYS = Set.of("missing", "columns");
    private static final Set<String> NUMBER_KEYS = Set.of("column", "kind", "fill", "indicator");
    private static final Set<String> CATEGORY_KEYS = Set.of("column", "kind", "levels", "other", "missing", "dimension");
    private static final String NUMBER = "number";
    private static final String CATEGORY = "category";

    private PipelineJson() {
    }

    /** The pipeline as JSON text, as a model file holds it (for shipping a fitted pipeline to a cluster's tasks). */
    public static String text(Pipeline p) {
        return toJson(p).toString();
    }

    /** The pipeline {@link #text} wrote. */
    public static Pipeline parse(String json, String source) throws ModelFileException {
        return fromJson(JsonPlace.root(source), JsonPlace.parseObject(json, source));
    }

    static JsonObject toJson(Pipeline p) {
        JsonObject o = new JsonObject();
        o.add("missing", strings(p.missing()));
        JsonArray columns = new JsonArray();
        for (Encoder e : p.encoders()) {
            JsonObject c = new JsonObject();
            c.addProperty("column", e.column());
            switch (e) {
                case NumberEncoder n -> {
                    c.addProperty("kind", NUMBER);
                    c.addProperty("fill", n.fill());
                    c.addProperty("indicator", n.indicator());
                }
                case CategoryEncoder k -> {
                    c.addProperty("kind", CATEGORY);
                    c.add("levels", strings(k.levels()));
                    c.addProperty("other", k.other());
                    c.addProperty("missing", k.missing());
                    c.addProperty("dimension", k.dimension());
                }
            }
            columns.add(c);
        }
        o.add("columns", columns);
        return o;
    }

    static Pipeline fromJson(JsonPlace place, JsonElement element) throws ModelFileException {
        JsonObject o = place.object(element);
        place.requireOnly(o, KEYS);
        List<String> missing = place.key("missing").strings(place.required(o, "missing"));
        JsonPlace columnsPlace = place.key("columns");
        JsonArray columns = columnsPlace.array(place.required(o, "columns"));
        List<Encoder> encoders = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            JsonPlace at = columnsPlace.index(i);
            JsonObject c = at.object(columns.get(i));
            String column = at.key("column").string(at.required(c, "column"));
            String kind = at.key("kind").string(at.required(c, "kind"));
            try {
                encoders.add(switch (kind) {
                    case NUMBER -> {
                        at.requireOnly(c, NUMBER_KEYS);
                        yield new NumberEncoder(column, (float) at.key("fill").number(at.required(c, "fill")),
                                at.key("indicator").bool(at.required(c, "indicator")));
                    }
                    case CATEGORY -> {
                        at.requireOnly(c, CATEGORY_KEYS);
                        yield new CategoryEncoder(column, at.key("levels").strings(at.required(c, "levels")),
                                at.key("other").bool(at.required(c, "other")),
                                at.key("missing").bool(at.required(c, "missing")),
                                at.key("dimension").integer(at.required(c, "dimension"), 0, 1 << 16));
                    }
                    default -> throw at.key("kind").error("unknown kind \"" + kind + "\"; expected number or category");
                });
            } catch (IllegalArgumentException e) {
                throw at.error(e.getMessage());
            }
        }
        try {
            return new Pipeline(encoders, missing);
        } catch (IllegalArgumentException e) {
            throw place.error(e.getMessage());
        }
    }

    static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
