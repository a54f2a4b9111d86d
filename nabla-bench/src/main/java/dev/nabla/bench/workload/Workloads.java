package dev.nabla.bench.workload;

import dev.nabla.tensor.Threads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end workloads W0–W3 of BENCHMARKS.md, run in this process, printed as a table (or as
 * tab-separated rows with {@code --tsv}, the format {@code bench/peers/compare} joins with the peers' output).
 * Each workload is followed by the process's peak resident set so far; run one workload per process to read
 * its own peak.
 *
 * <p>Entry point for the {@code nabla bench} command: {@link #run(String[], PrintStream)}.
 */
public final class Workloads {
    private Workloads() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /**
     * Runs the workloads named in {@code args} (see {@link Options#USAGE}) and prints their figures to
     * {@code out}; progress and errors go to stderr.
     *
     * @return 0 on success, 2 on bad arguments or missing data, 1 on an internal error
     */
    public static int run(String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("workloads: " + e.getMessage());
            System.err.println(Options.USAGE);
            return 2;
        }
        int previousThreads = Threads.count();
        try {
            Threads.set(options.threads());
            List<Figure> figures = new ArrayList<>();
            out.println(options.tsv() ? "# " + header(options).lines().findFirst().orElse("") : header(options));
            for (String w : options.workloads()) {
                System.err.println("workloads: running " + w + " on " + options.threads() + " threads …");
                List<Figure> got = switch (w) {
                    case "W0" -> GemmWorkload.run(options);
                    case "W1" -> FashionMnistWorkload.run(options);
                    case "W2" -> IrisWorkload.run(options);
                    case "W3" -> WideMlpWorkload.run(options);
                    default -> throw new IllegalStateException(w);
                };
                Threads.set(options.threads());
                figures.addAll(got);
                figures.add(new Figure(w, "peak_rss", Probe.peakRssBytes() / 1048576.0, "MiB", "process so far"));
                print(got, options.tsv(), out);
                print(figures.subList(figures.size() - 1, figures.size()), options.tsv(), out);
                out.flush();
            }
            return 0;
        } catch (IOException | dev.nabla.data.DataException e) {
            System.err.println("workloads: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        } finally {
            Threads.set(previousThreads);
        }
    }

    private static String header(Options o) {
        return "Nabla workloads · " + cpuModel() + " · " + Runtime.getRuntime().availableProcessors() + " CPUs · JDK "
                + Runtime.version() + " · " + o.threads() + " threads · " + LocalDate.now() + "\n"
                + String.format("%-4s %-22s %14s %-8s %s", "", "metric", "value", "unit", "note");
    }

    private static void print(List<Figure> figures, boolean tsv, PrintStream out) {
        for (Figure f : figures) {
            out.println(tsv ? f.tsv() : String.format("%-4s %-22s %14s %-8s %s", f.workload(), f.metric(),
                    Figure.format(f.value()), f.unit(), f.note()));
        }
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}
