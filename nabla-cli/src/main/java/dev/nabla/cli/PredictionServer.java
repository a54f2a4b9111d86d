package dev.nabla.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nabla.data.DataException;
import dev.nabla.data.TextInput;
import dev.nabla.io.PredictionEndpoint;
import dev.nabla.io.PredictionJson;
import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Predictions over HTTP on the JDK's {@code com.sun.net.httpserver}, one virtual thread per exchange:
 * {@code POST /predict} (JSON rows or a CSV body) answers what {@code nabla predict} answers, {@code GET /health},
 * {@code GET /model}. Bad input is a 400 with the command line's one-line message, a body over the limit a 413.
 * Every exchange writes one access-log line.
 */
final class PredictionServer {
    private final TrainedModel model;
    private final long maxBody;
    private final PrintStream log;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] description;
    /** Endpoints not in use, each with its buffers; more are made when every one is busy. */
    private final BlockingQueue<PredictionEndpoint> endpoints = new ArrayBlockingQueue<>(64);

    PredictionServer(TrainedModel model, InetSocketAddress address, long maxBody, PrintStream log) throws IOException {
        this.model = model;
        this.maxBody = maxBody;
        this.log = log;
        this.description = PredictionJson.describe(model).getBytes(StandardCharsets.UTF_8);
        // Without TCP_NODELAY a response sent as headers then body waits for the client's delayed ACK (40 ms on
        // Linux) whenever the body follows a small unacknowledged write; the server reads the property when its
        // configuration class loads, so it is set before the first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(address, 1024);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** The address the server listens on (its port when 0 was asked for). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    void start() {
        server.start();
    }

    /** Stops accepting, lets the exchanges in flight finish (up to {@code graceSeconds}), then stops. */
    void stop(int graceSeconds) {
        server.stop(graceSeconds);
        threads.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int rows = 0;
        int status;
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Reply reply = switch (path) {
                case "/predict" -> method.equals("POST") ? predict(exchange) : notAllowed("POST");
                case "/health" -> method.equals("GET") ? Reply.json(200, "{\"status\":\"ok\"}") : notAllowed("GET");
                case "/model" -> method.equals("GET") ? new Reply(200, description, 0) : notAllowed("GET");
                default -> Reply.error(404, "no such path: " + path + "; the paths are /predict, /health and /model");
            };
            status = reply.status();
            rows = reply.rows();
            if (reply.body() != null) {
                send(exchange, status, reply.body(), reply.body().length);
            }
        }
        // One string, one write: a PrintStream that flushes at line ends writes each piece of a printf on its own.
        log.println(String.format(Locale.ROOT, "%s %s %s %d %d rows %.2f ms",
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), status, rows, (System.nanoTime() - start) / 1e6));
    }

    private static Reply notAllowed(String method) {
        return Reply.error(405, "use " + method + " here");
    }

    private Reply predict(HttpExchange exchange) throws IOException {
        PredictionEndpoint endpoint = endpoints.poll();
        if (endpoint == null) {
            endpoint = new PredictionEndpoint(model);
        }
        try {
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            boolean fits;
            try (InputStream in = exchange.getRequestBody()) {
                fits = (declared == null || Long.parseLong(declared.trim()) <= maxBody) && endpoint.readBody(in, maxBody);
            } catch (NumberFormatException e) {
                fits = false;
            }
            if (!fits) {
                return Reply.error(413, "request body over the limit of " + maxBody + " bytes (--max-body)");
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            int rows;
            try {
                if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
                    rows = endpoint.predict(model.pipeline().reader().read(TextInput.of("request", endpoint.body())));
                } else {
                    rows = endpoint.predictJson("request");
                }
            } catch (DataException e) {
                return Reply.error(400, e.getMessage());
            }
            // The answer is sent from the endpoint's buffer before the endpoint serves anyone else.
            send(exchange, 200, endpoint.answer(), endpoint.answerLength());
            return new Reply(200, null, rows);
        } finally {
            endpoints.offer(endpoint);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, int length) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, 0, length);
        }
    }

    /** A status, a JSON body (null when already sent) and the rows it predicts (for the log). */
    private record Reply(int status, byte[] body, int rows) {
        static Reply json(int status, String json) {
            return new Reply(status, json.getBytes(StandardCharsets.UTF_8), 0);
        }

        static Reply error(int status, String message) {
            return json(status, PredictionJson.error(message));
        }
    }
}
