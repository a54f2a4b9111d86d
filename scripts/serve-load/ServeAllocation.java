import dev.nabla.io.ModelFile;
import dev.nabla.io.PredictionEndpoint;
import dev.nabla.tensor.Threads;
import dev.nabla.train.TrainedModel;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes allocated by the prediction path of nabla serve for one request (body read, JSON parsed, rows predicted, JSON
 * answer written, by one PredictionEndpoint as the server's pool keeps them), for each body given, after a warm-up of 200,000 rows; the difference between a 1-row and a 100-row
 * body is what a row costs. Usage:
 * java --add-modules jdk.incubator.vector -cp nabla-cli/target/nabla.jar scripts/serve-load/ServeAllocation.java
 * MODEL BODY.json...
 */
public class ServeAllocation {
    public static void main(String[] args) throws Exception {
        Threads.set(1);
        TrainedModel model = ModelFile.load(Path.of(args[0]));
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int a = 1; a < args.length; a++) {
            byte[] body = Files.readAllBytes(Path.of(args[a]));
            int rows = 0;
            // Warm up on 200,000 rows: the vector kernels allocate until C2 has compiled them.
            for (int done = 0; done < 200_000; done += rows) {
                rows = serve(model, body);
            }
            int n = 200;
            long before = bean.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                serve(model, body);
            }
            long t1 = System.nanoTime();
            long bytes = (bean.getCurrentThreadAllocatedBytes() - before) / n;
            System.out.printf("%s: %d rows, %d bytes allocated per request (%d per row), %.1f µs per request%n",
                    args[a], rows, bytes, bytes / rows, (t1 - t0) / 1e3 / n);
        }
    }

    static PredictionEndpoint endpoint;

    static int serve(TrainedModel model, byte[] body) throws Exception {
        if (endpoint == null) {
            endpoint = new PredictionEndpoint(model);
        }
        endpoint.readBody(new ByteArrayInputStream(body), Long.MAX_VALUE);
        return endpoint.predictJson("request");
    }
}
