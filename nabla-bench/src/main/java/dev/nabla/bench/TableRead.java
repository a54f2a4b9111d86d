package dev.nabla.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.nabla.data.DataSource;
import dev.nabla.data.Pipeline;
import dev.nabla.data.Schema;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import dev.nabla.data.TextInput;
import dev.nabla.tensor.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The data path against FastCSV alone (issue 9): a generated CSV of {@code rows} × (20 numeric columns with 2 %
 * missing cells + 5 text columns of 4 to 400 levels + a binary target), read by FastCSV alone (every field
 * touched), then read, inferred and encoded by Nabla ({@link dev.nabla.data.TableReader}, {@link Schema},
 * {@link Pipeline}), alternately, {@code runs} times each; medians and their ratio. Memory: the heap that the table
 * and the encoded matrix hold after a full GC, and the peak heap while reading, against the matrix's own bytes.
 * <pre>{@code ./bench --tables [rows] [runs]}</pre>
 */
public final class TableRead {
    private static final int NUMERIC = 20;
    private static final int[] LEVELS = {4, 12, 30, 80, 400};

    private TableRead() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "nabla-table-" + rows + ".csv");
        if (!Files.exists(file)) {
            generate(file, rows);
        }
        System.out.printf(Locale.ROOT, "file %s: %d rows, %.1f MB%n", file, rows, Files.size(file) / 1e6);
        double[] fast = new double[runs];
        double[] nabla = new double[runs];
        double[] fastCpu = new double[runs];
        double[] nablaCpu = new double[runs];
        long checksum = 0;
        Tensor matrix = null;
        for (int r = 0; r < runs; r++) {
            long c0 = cpuTime();
            long t0 = System.nanoTime();
            checksum += fastCsvAlone(file);
            fast[r] = (System.nanoTime() - t0) / 1e9;
            fastCpu[r] = (cpuTime() - c0) / 1e9;
            matrix = null;
            System.gc();
            long c1 = cpuTime();
            long t1 = System.nanoTime();
            matrix = nablaPath(file);
            nabla[r] = (System.nanoTime() - t1) / 1e9;
            nablaCpu[r] = (cpuTime() - c1) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: FastCSV alone %.3f s (CPU %.3f s), Nabla read + infer + encode %.3f s "
                    + "(CPU %.3f s)%n", r + 1, fast[r], fastCpu[r], nabla[r], nablaCpu[r]);
            matrix = null;
            System.gc();
        }
        double f = median(fast);
        double n = median(nabla);
        System.out.printf(Locale.ROOT, "median: FastCSV alone %.3f s, Nabla %.3f s, ratio %.2f (target ≤ 2); CPU time: "
                + "FastCSV %.3f s, Nabla %.3f s, ratio %.2f (Nabla's on two threads)%n", f, n, n / f, median(fastCpu),
                median(nablaCpu), median(nablaCpu) / median(fastCpu));

        System.gc();
        long baseline = usedHeap();
        resetPeaks();
        Table table = TableOptions.defaults().reader().read(TextInput.open(file));
        long peakReading = peakHeap();
        matrix = encode(table);
        System.gc();
        long held = usedHeap() - baseline;
        long matrixBytes = (long) matrix.size() * Float.BYTES;
        System.out.printf(Locale.ROOT, "memory: matrix %d × %d = %.1f MB; table + matrix held %.1f MB (%.2f × the matrix); "
                        + "peak heap while reading %.1f MB above the baseline (%.2f ×) (target ≤ 3)%n", matrix.rows(),
                matrix.cols(), matrixBytes / 1e6, held / 1e6, (double) held / matrixBytes,
                (peakReading - baseline) / 1e6, (double) (peakReading - baseline) / matrixBytes);
        System.out.println("checksum " + checksum + " " + table.rows());
    }

    /** The CPU time of every thread of the process (the JVM's own threads too), in nanoseconds. */
    private static long cpuTime() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Every field of every record, as a program using FastCSV alone would at least touch them. */
    static long fastCsvAlone(Path file) throws IOException {
        long chars = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(reader)) {
            for (CsvRecord r : csv) {
                for (int j = 0; j < r.getFieldCount(); j++) {
                    chars += r.getField(j).length();
                }
            }
        }
        return chars;
    }

    static Tensor nablaPath(Path file) {
        return encode(TableOptions.defaults().reader().read(TextInput.open(file)));
    }

    /** Target, schema and pipeline on all rows (as the default recipe fits them on its training rows), then encoding. */
    static Tensor encode(Table table) {
        DataSource.TableData t = DataSource.of(table, "y", TableOptions.defaults()).table();
        int[] all = IntStream.range(0, t.cells().rows()).toArray();
        return dev.nabla.data.TableFit.of(t.cells(), all, "y", t.options()).pipeline().encode(t.cells());
    }

    static void generate(Path file, int rows) throws IOException {
        SplittableRandom rng = new SplittableRandom(2026);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < NUMERIC; j++) {
                header.append("x").append(j).append(',');
            }
            for (int j = 0; j < LEVELS.length; j++) {
                header.append("c").append(j).append(',');
            }
            w.write(header.append("y\n").toString());
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                for (int j = 0; j < NUMERIC; j++) {
                    if (rng.nextInt(50) != 0) {
                        line.append(String.format(Locale.ROOT, "%.4f", rng.nextGaussian() * (j + 1) + j));
                    }
                    line.append(',');
                }
                for (int levels : LEVELS) {
                    line.append("level").append(rng.nextInt(levels)).append(',');
                }
                w.write(line.append(rng.nextBoolean() ? "yes" : "no").append('\n').toString());
            }
        }
    }

    private static long usedHeap() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
