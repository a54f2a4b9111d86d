package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nabla.io.ModelFile;
import dev.nabla.train.TrainedModel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nabla serve: the answers of nabla predict over HTTP, one-line errors, limits, the log and a drained stop. */
class ServeTest {
    @TempDir
    static Path dir;
    static Path modelFile;
    static TrainedModel model;
    static PredictionServer server;
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        modelFile = dir.resolve("credit.safetensors");
        Cli train = Cli.run("train", "--data", "credit_data", "--layers", "8:relu", "--epochs", "2", "--out",
                modelFile.toString());
        assertThat(train.code()).as(train.toString()).isZero();
        model = ModelFile.load(modelFile);
        server = new PredictionServer(model, new InetSocketAddress("127.0.0.1", 0), 2000,
                new PrintStream(LOG, true, StandardCharsets.UTF_8));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(1);
    }

    static HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path));
        if (type != null) {
            r.header("Content-Type", type);
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** JSON rows (missing cells, unseen levels, a token) and the same rows as CSV: nabla predict's labels and numbers. */
    @Test
    void predictionsAreThoseOfNablaPredict() throws Exception {
        String csv = "Income,Home,Age,Seniority,Records,Time,Marital,Job,Expenses,Assets,Debt,Amount,Price\n"
                + "120,rent,30,2,no,36,married,fixed,60,0,0,800,1000\n"
                + ",never-seen,,10,NA,,,,,,,,\n"
                + "80,owner,55,,yes,48,single,freelance,45,4000,0,1200,1500\n";
        Path file = Files.writeString(dir.resolve("rows.csv"), csv);
        Cli predict = Cli.run("predict", "--model", modelFile.toString(), "--data", file.toString());
        assertThat(predict.code()).as(predict.toString()).isZero();
        List<String[]> expected = predict.out().lines().skip(1).map(l -> l.split(",")).toList();

        String json = "{\"rows\": [{\"Income\": 120, \"Home\": \"rent\", \"Age\": 30, \"Seniority\": 2, \"Records\": \"no\","
                + " \"Time\": 36, \"Marital\": \"married\", \"Job\": \"fixed\", \"Expenses\": 60, \"Assets\": 0, \"Debt\": 0,"
                + " \"Amount\": 800, \"Price\": 1000},"
                + " {\"Home\": \"never-seen\", \"Seniority\": 10, \"Records\": \"NA\", \"Income\": null},"
                + " {\"Income\": \"80\", \"Home\": \"owner\", \"Age\": 55, \"Records\": \"yes\", \"Time\": 48,"
                + " \"Marital\": \"single\", \"Job\": \"freelance\", \"Expenses\": 45, \"Assets\": 4000, \"Debt\": 0,"
                + " \"Amount\": 1200, \"Price\": 1500}]}";
        for (HttpResponse<String> r : List.of(send("POST", "/predict", "application/json", json),
                send("POST", "/predict", "text/csv", csv))) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonArray predictions = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("predictions");
            assertThat(predictions).hasSize(3);
            for (int i = 0; i < 3; i++) {
                JsonObject p = predictions.get(i).getAsJsonObject();
                assertThat(p.get("label").getAsString()).isEqualTo(expected.get(i)[0]);
                JsonObject probabilities = p.getAsJsonObject("probabilities");
                for (int k = 0; k < model.classNames().size(); k++) {
                    assertThat(probabilities.get(model.classNames().get(k)).toString()).isEqualTo(expected.get(i)[k + 1]);
                }
            }
        }
    }

    @Test
    void badInputIsA400WithTheOneLineMessage() throws Exception {
        HttpResponse<String> unknown = send("POST", "/predict", null, "{\"rows\": [{\"Incme\": 3}]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JsonParser.parseString(unknown.body()).getAsJsonObject().get("error").getAsString())
                .startsWith("rows: row 1: unknown column 'Incme'; the columns are Seniority, Home,");
        HttpResponse<String> text = send("POST", "/predict", "text/csv", "Income,Home\nlots,rent\n");
        assertThat(text.statusCode()).isEqualTo(400);
        HttpResponse<String> broken = send("POST", "/predict", null, "{\"rows\": [");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("not a JSON request").doesNotContain("Exception").doesNotContain("\\n\\tat ");
        HttpResponse<String> nested = send("POST", "/predict", null, "{\"rows\": [{\"Age\": [1]}]}");
        assertThat(nested.body()).contains("rows[0].Age: a cell must be a number, a text or null");
    }

    @Test
    void aBodyOverTheLimitIsA413() throws Exception {
        HttpResponse<String> big = send("POST", "/predict", null, "{\"rows\": [" + "{},".repeat(1000) + "{}]}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("over the limit of 2000 bytes");
    }

    @Test
    void healthModelAndOtherPaths() throws Exception {
        assertThat(send("GET", "/health", null, null).body()).isEqualTo("{\"status\":\"ok\"}");
        JsonObject m = JsonParser.parseString(send("GET", "/model", null, null).body()).getAsJsonObject();
        assertThat(m.get("task").getAsString()).isEqualTo("binary");
        assertThat(m.getAsJsonArray("classes")).hasSize(2);
        assertThat(m.getAsJsonArray("columns").toString()).contains("\"Income\"").contains("\"Home\"");
        assertThat(m.getAsJsonObject("provenance").has("nabla")).isTrue();
        assertThat(send("GET", "/predict", null, null).statusCode()).isEqualTo(405);
        assertThat(send("GET", "/nothing", null, null).statusCode()).isEqualTo(404);
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertThat(log).containsPattern("127\\.0\\.0\\.1 GET /health 200 0 rows [0-9.]+ ms");
    }

    /** A request still arriving when the server is told to stop is answered before it stops. */
    @Test
    void stoppingLetsARequestInFlightFinish() throws Exception {
        PredictionServer s = new PredictionServer(model, new InetSocketAddress("127.0.0.1", 0), 1 << 20,
                new PrintStream(OutputStream.nullOutputStream()));
        s.start();
        String body = "{\"rows\": [{\"Income\": 100}]}";
        try (Socket socket = new Socket("127.0.0.1", s.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(200);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> s.stop(10));
            Thread.sleep(300);
            assertThat(stopping).isNotDone();
            out.write(body.substring(10).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 200").contains("\"predictions\"");
            stopping.get(10, TimeUnit.SECONDS);
        }
    }
}
