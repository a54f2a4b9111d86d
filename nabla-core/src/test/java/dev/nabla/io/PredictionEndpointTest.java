package dev.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.nabla.data.DataException;
import dev.nabla.data.Datasets;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Training;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The serving path — JSON read by our own reader straight into encoded rows, predictions in reused buffers, the
 * answer written as bytes — against the plain path: Gson's strict reader into maps, a table of them, the pipeline,
 * Gson's parse of the answer. Same predictions, same documents accepted, one-line errors.
 */
class PredictionEndpointTest {
    private static final TrainedModel PENGUINS = Training.builder().layers("16:relu,8:tanh").epochs(2).build()
            .run(Datasets.open("penguins", null)).model();
    private static final TrainedModel DIABETES = Training.builder().layers("8:relu").epochs(2).build()
            .run(Datasets.open("diabetes", null)).model();
    private static final Table TABLE = Datasets.embeddedTable("penguins", TableOptions.defaults());

    /** Rows of the penguins table as JSON: numbers as numbers, texts as strings, missing cells null or left out. */
    private static String body(Random random, int rows, List<Map<String, Object>> maps) {
        StringBuilder s = new StringBuilder("{\"rows\": [");
        for (int n = 0; n < rows; n++) {
            int i = random.nextInt(TABLE.rows());
            Map<String, Object> map = new HashMap<>();
            s.append(n == 0 ? "" : ",").append(random.nextBoolean() ? "\n  " : "").append('{');
            boolean first = true;
            for (Table.Column c : TABLE.columns()) {
                if (c.name().equals("species") || random.nextInt(10) == 0) {
                    continue;
                }
                String level = c.level(i);
                String cell;
                if (random.nextInt(12) == 0 && (c.name().equals("island") || c.name().equals("sex"))) {
                    level = List.of("Dream\\\"", "\u00e9", "tab\there", "Biscoe ", "NA", "", "1e39x").get(random.nextInt(7));
                    cell = new com.google.gson.JsonPrimitive(level).toString();
                } else if (level == null) {
                    cell = "null";
                } else if (c.isText(i)) {
                    cell = new com.google.gson.JsonPrimitive(level).toString();
                } else {
                    cell = random.nextBoolean() ? level : "\"" + level + "\"";
                }
                map.put(c.name(), level);
                s.append(first ? "" : ", ").append('"').append(c.name()).append("\": ").append(cell);
                first = false;
            }
            s.append('}');
            maps.add(map);
        }
        return s.append("]}").toString();
    }

    /** The rows of a request as the plain path reads them: Gson's strict reader into maps (every cell a string). */
    static List<Map<String, Object>> gsonRows(String body) throws Exception {
        try (JsonReader in = new JsonReader(new StringReader(body))) {
            in.setStrictness(Strictness.STRICT);
            List<Map<String, Object>> rows = null;
            in.beginObject();
            while (in.hasNext()) {
                if (!in.nextName().equals("rows")) {
                    throw new DataException("unknown key");
                }
                rows = new ArrayList<>();
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
                            default -> throw new DataException("a cell must be a number, a text or null");
                        };
                        row.put(column, cell);
                    }
                    in.endObject();
                    rows.add(row);
                }
                in.endArray();
            }
            in.endObject();
            if (in.peek() != JsonToken.END_DOCUMENT || rows == null) {
                throw new DataException("not a request");
            }
            return rows;
        }
    }

    /**
     * The plain path's predictions: the rows read into a table as a file's cells ({@code TableReader.rows}), encoded by
     * the pipeline, predicted over the whole matrix — none of the serving path's row encoder, blocks or writer.
     */
    private static Prediction viaTable(TrainedModel model, List<Map<String, Object>> rows) {
        return model.predict(model.pipeline().reader().rows("rows", model.pipeline().columns(), rows));
    }

    private static PredictionEndpoint endpoint(TrainedModel model, String body) throws Exception {
        PredictionEndpoint e = new PredictionEndpoint(model);
        assertThat(e.readBody(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE)).isTrue();
        return e;
    }

    private static JsonArray answer(PredictionEndpoint e) {
        String text = new String(e.answer(), 0, e.answerLength(), StandardCharsets.UTF_8);
        return JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("predictions");
    }

    /** The answer equals the plain path's predictions: labels, and probabilities to float32 rounding of the blocks. */
    private static void assertSame(TrainedModel model, JsonArray answer, Prediction expected) {
        assertThat(answer).hasSize(expected.rows());
        for (int i = 0; i < expected.rows(); i++) {
            JsonObject row = answer.get(i).getAsJsonObject();
            if (expected.classes() == null) {
                assertThat(row.get("value").getAsFloat()).isCloseTo(expected.values()[i],
                        org.assertj.core.data.Offset.offset(1e-5f * Math.max(1, Math.abs(expected.values()[i]))));
                continue;
            }
            assertThat(row.get("label").getAsString()).isEqualTo(model.classNames().get(expected.classes()[i]));
            JsonObject p = row.getAsJsonObject("probabilities");
            assertThat(p.keySet()).containsExactlyElementsOf(model.classNames());
            for (int k = 0; k < model.classNames().size(); k++) {
                assertThat(p.get(model.classNames().get(k)).getAsFloat())
                        .isCloseTo((float) expected.probabilities().get(i, k), org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Property(tries = 60)
    void predictionsAreThoseOfPredictRows(@ForAll @IntRange(min = 0, max = 300) int rows, @ForAll long seed)
            throws Exception {
        List<Map<String, Object>> maps = new ArrayList<>();
        String body = body(new Random(seed), rows, maps);
        PredictionEndpoint e = endpoint(PENGUINS, body);
        assertThat(e.predictJson("request")).isEqualTo(rows);
        assertSame(PENGUINS, answer(e), viaTable(PENGUINS, gsonRows(body)));
        // The same endpoint again, on fewer rows: nothing of the longer request shows through.
        String small = body(new Random(seed + 1), rows / 3, maps = new ArrayList<>());
        e.readBody(new ByteArrayInputStream(small.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
        assertThat(e.predictJson("request")).isEqualTo(rows / 3);
        assertSame(PENGUINS, answer(e), viaTable(PENGUINS, maps));
    }

    @Test
    void regressionValuesAreInTheTargetsUnits() throws Exception {
        String body = "{\"rows\": [{\"age\": 59, \"sex\": 2, \"bmi\": 32.1, \"bp\": 101.0, \"s1\": 157, \"s2\": 93.2,"
                + " \"s3\": 38.0, \"s4\": 4.0, \"s5\": 4.8598, \"s6\": 87}, {\"bmi\": \"22\"}, {}]}";
        PredictionEndpoint e = endpoint(DIABETES, body);
        assertThat(e.predictJson("request")).isEqualTo(3);
        assertSame(DIABETES, answer(e), viaTable(DIABETES, gsonRows(body)));
    }

    /**
     * Mutated documents — a character deleted, inserted or replaced — are accepted exactly when Gson's strict reader
     * and the table path accept them, with the same predictions; refused ones give one line and a DataException.
     */
    @Property(tries = 3000)
    void mutatedDocumentsAreAcceptedExactlyWhenGsonAcceptsThem(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        String body = body(random, 1 + random.nextInt(3), new ArrayList<>());
        StringBuilder m = new StringBuilder(body);
        String alphabet = "{}[],:\" \\\n\t0123456789-+.eEtrufalsn/ux\u0000\u00e9";
        for (int k = 0, n = 1 + random.nextInt(2); k < n; k++) {
            int at = random.nextInt(m.length() + 1);
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> m.insert(at, c);
                case 1 -> m.deleteCharAt(Math.min(at, m.length() - 1));
                default -> m.setCharAt(Math.min(at, m.length() - 1), c);
            }
        }
        String mutated = m.toString();
        Prediction expected = null;
        try {
            expected = viaTable(PENGUINS, gsonRows(mutated));
        } catch (DataException | java.io.IOException | IllegalStateException | NumberFormatException gsonRefused) {
            // refused by the plain path
        }
        PredictionEndpoint e = endpoint(PENGUINS, mutated);
        if (expected == null) {
            assertThatThrownBy(() -> e.predictJson("request")).as(mutated).isInstanceOf(DataException.class)
                    .satisfies(t -> assertThat(t.getMessage()).doesNotContain("\n").doesNotContain("\r")
                            .matches("(request|rows)[: ].*"));
        } else {
            assertThat(e.predictJson("request")).as(mutated).isEqualTo(expected.rows());
            assertSame(PENGUINS, answer(e), expected);
        }
    }

    @Test
    void errorsNameThePlaceAtFault() throws Exception {
        assertThat(message("")).isEqualTo("request: not a JSON request: expected '{' (a request is {\"rows\": [{…}, …]})"
                + " but the body ends");
        assertThat(message("{\"rows\": [\n  {\"island\" 3}]}"))
                .isEqualTo("request: not a JSON request: expected ':' at line 2, column 13");
        assertThat(message("{\"rows\": [], \"extra\": 1}"))
                .isEqualTo("request: unknown key \"extra\"; a request is {\"rows\": [{…}, …]}");
        assertThat(message("{}")).isEqualTo("request: no \"rows\"; a request is {\"rows\": [{…}, …]}");
        assertThat(message("{\"rows\": []} []")).isEqualTo("request: text after the JSON object");
        assertThat(message("{\"rows\": [{}, {\"isl\\u0061nd\": {\"a\": 1}}]}"))
                .isEqualTo("request: rows[1].island: a cell must be a number, a text or null");
        assertThat(message("{\"rows\": [{\"island\": \"Dream\"}, {\"islnd\": 1}]}"))
                .startsWith("rows: row 2: unknown column 'islnd'; the columns are ");
        assertThat(message("{\"rows\": [{\"bill_depth_mm\": \"deep\"}]}"))
                .isEqualTo("rows:1:3 (column 'bill_depth_mm'): 'deep' is not a number, and the model reads this "
                        + "column as numbers");
    }

    private static String message(String body) throws Exception {
        PredictionEndpoint e = endpoint(PENGUINS, body);
        try {
            e.predictJson("request");
            throw new AssertionError("accepted: " + body);
        } catch (DataException x) {
            return x.getMessage();
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutReadingItAll() throws Exception {
        PredictionEndpoint e = new PredictionEndpoint(PENGUINS);
        byte[] big = new byte[10_000];
        ByteArrayInputStream in = new ByteArrayInputStream(big);
        assertThat(e.readBody(in, 5_000)).isFalse();
        assertThat(in.available()).isGreaterThan(0);
        assertThat(e.readBody(new ByteArrayInputStream(big), 10_000)).isTrue();
    }
}
