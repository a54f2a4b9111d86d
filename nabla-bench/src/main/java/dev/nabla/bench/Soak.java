package dev.nabla.bench;

import dev.nabla.data.Datasets;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import dev.nabla.io.ModelFile;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Training;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The library under load (issue 11). A soak: train a model on a table, save it, load it back and predict every row,
 * {@code CYCLES} times in one JVM, printing the live heap after a full collection every 20 cycles, the threads alive
 * and the files left in the model's directory, then the growth of the live heap per cycle (least squares from cycle 20
 * on). Then the throughput of one loaded model shared by 1 and by 8 threads, one row per call.
 * Usage: {@code ./bench --soak [CYCLES [DATASET]]} (default 200 cycles of penguins).
 */
public final class Soak {
    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String dataset = args.length > 1 ? args[1] : "penguins";
        Path dir = Files.createTempDirectory("nabla-soak");
        Table rows = Datasets.embeddedTable(dataset, TableOptions.defaults());
        Path file = dir.resolve("model.safetensors");
        List<double[]> samples = new ArrayList<>();
        System.out.printf("soak: %d cycles of train (%s, 32:relu, 2 epochs), save, load, predict %d rows; JDK %s, %s%n",
                cycles, dataset, rows.rows(), Runtime.version(), ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("%6s %14s %8s %6s%n", "cycle", "live heap MB", "threads", "files");
        TrainedModel last = null;
        long start = System.nanoTime();
        for (int c = 1; c <= cycles; c++) {
            TrainedModel model = Training.builder().layers("32:relu").epochs(2).seed(c).build()
                    .run(Datasets.open(dataset, null)).model();
            ModelFile.save(file, model);
            last = ModelFile.load(file);
            if (last.predict(rows).rows() != rows.rows()) {
                throw new IllegalStateException("lost rows");
            }
            if (c == 1 || c % 20 == 0) {
                long live = liveHeap();
                samples.add(new double[] {c, live});
                System.out.printf("%6d %14.2f %8d %6d%n", c, live / 1e6, Thread.activeCount(), files(dir));
            }
        }
        System.out.printf("%.1f s for %d cycles%n", (System.nanoTime() - start) / 1e9, cycles);
        List<double[]> steady = samples.stream().filter(s -> s[0] >= 20).toList();
        if (steady.size() >= 2) {
            System.out.printf("live heap growth from cycle %d to %d: %+.1f KB in all, %+.2f KB per cycle (least squares)%n",
                    (int) steady.getFirst()[0], (int) steady.getLast()[0],
                    (steady.getLast()[1] - steady.getFirst()[1]) / 1e3, slope(steady) / 1e3);
        }
        throughput(last, rows);
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** Predictions per second of one model shared by 1 and by 8 threads, one row per call, for 3 s each. */
    private static void throughput(TrainedModel model, Table rows) throws InterruptedException {
        Table[] single = new Table[rows.rows()];
        for (int i = 0; i < single.length; i++) {
            single[i] = rows.subset(new int[] {i});
        }
        for (int threads : new int[] {1, 8}) {
            AtomicLong calls = new AtomicLong();
            long end = System.nanoTime() + 3_000_000_000L;
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                running.add(Thread.ofPlatform().start(() -> {
                    long n = 0;
                    for (int i = offset; System.nanoTime() < end; i++) {
                        model.predict(single[i % single.length]);
                        n++;
                    }
                    calls.addAndGet(n);
                }));
            }
            for (Thread t : running) {
                t.join();
            }
            System.out.printf("predict, one row per call, %d thread%s: %,.0f calls/s%n", threads, threads == 1 ? "" : "s",
                    calls.get() / 3.0);
        }
    }

    /** The heap in use after full collections: the smallest of three readings, each after System.gc(). */
    private static long liveHeap() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    /** Least-squares slope of y on x. */
    private static double slope(List<double[]> points) {
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxy / sxx;
    }
}
