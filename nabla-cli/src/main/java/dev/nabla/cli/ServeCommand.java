package dev.nabla.cli;

import dev.nabla.tensor.Threads;
import dev.nabla.train.TrainedModel;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nabla serve}: a model's predictions over HTTP until SIGTERM (or Ctrl-C), which drains and exits 0. */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Serves a model's predictions over HTTP.",
                "POST /predict with {\"rows\": [{\"column\": value, ...}, ...]} (or a text/csv body) answers "
                        + "{\"predictions\": [...]} as 'nabla predict' predicts; GET /health; GET /model. "
                        + "Bad input: 400 with a one-line message; a body over --max-body: 413. One access-log line "
                        + "per request on stderr. SIGTERM lets requests in flight finish, then exits 0."})
final class ServeCommand implements Callable<Integer> {
    /** Seconds SIGTERM waits for requests in flight. */
    static final int GRACE_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file written by 'nabla train --out'.")
    Path model;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "4194304",
            description = "Largest request body accepted (default: ${DEFAULT-VALUE}, 4 MiB).")
    long maxBody;

    @Override
    public Integer call() throws Exception {
        Checks checks = new Checks(spec.commandLine());
        if (port < 0 || port > 65535) {
            checks.fail("--port must lie in 0..65535, got " + port);
        }
        checks.positive("--max-body", (double) maxBody);
        TrainedModel m = Models.load(model);
        // Each request runs its kernels on its own thread: the machine's cores go to concurrent requests.
        Threads.set(1);
        PrintStream log = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16),
                true, StandardCharsets.UTF_8);
        PredictionServer server = new PredictionServer(m, new InetSocketAddress(host, port), maxBody, log);
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Interrupts.serving(() -> {
            log.println("nabla: " + Interrupts.name() + ": stopping; letting requests in flight finish");
            server.stop(GRACE_SECONDS);
            log.println("nabla: stopped");
            stopped.countDown();
        });
        InetSocketAddress a = server.address();
        log.println("nabla: serving " + model + " on http://" + a.getHostString() + ":" + a.getPort()
                + " (POST /predict, GET /health, GET /model)");
        stopped.await();
        log.flush();
        // A drained server has succeeded, whatever signal asked it to stop.
        return Errors.OK;
    }
}
