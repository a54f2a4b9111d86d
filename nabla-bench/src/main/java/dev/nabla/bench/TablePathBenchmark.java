package dev.nabla.bench;

import dev.nabla.data.DataSource;
import dev.nabla.data.Numbers;
import dev.nabla.data.Pipeline;
import dev.nabla.data.Table;
import dev.nabla.data.TableFit;
import dev.nabla.data.TableOptions;
import dev.nabla.data.TableProfile;
import dev.nabla.data.TextInput;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The phases of the data path apart, per cell of {@link TableRead}'s generated table (here 200,000 rows × 26
 * columns, 38 MB, so read in two parts): parsing the numeric cells alone ({@link Numbers}), reading the file into a
 * table, profiling every column, fitting kinds and encoders (profile and medians), and encoding the matrix. Forks
 * and iterations give the spread that single runs of {@code ./bench --tables} cannot.
 * <pre>{@code ./bench TablePathBenchmark}</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class TablePathBenchmark {
    private static final int ROWS = 200_000;
    private static final int NUMERIC_CELLS = ROWS * 20;
    private static final int CELLS = ROWS * 26;

    private Path file;
    private Table table;
    private int[] all;
    private Pipeline pipeline;
    private char[] chars;
    private int[] starts;
    private int[] lengths;

    @Setup
    public void setUp() throws IOException {
        file = Path.of(System.getProperty("java.io.tmpdir"), "nabla-table-" + ROWS + ".csv");
        if (!Files.exists(file)) {
            TableRead.generate(file, ROWS);
        }
        table = DataSource.of(read(), "y", TableOptions.defaults()).table().cells();
        all = IntStream.range(0, table.rows()).toArray();
        pipeline = TableFit.of(table, all, "y", TableOptions.defaults()).pipeline();
        // The numeric cells of every row, one after another, as a reader's buffer holds them.
        List<String> lines = Files.readAllLines(file).subList(1, ROWS + 1);
        StringBuilder text = new StringBuilder();
        starts = new int[NUMERIC_CELLS];
        lengths = new int[NUMERIC_CELLS];
        int k = 0;
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            for (int j = 0; j < 20; j++, k++) {
                starts[k] = text.length();
                lengths[k] = cells[j].length();
                text.append(cells[j]).append(',');
            }
        }
        chars = text.toString().toCharArray();
    }

    private Table read() {
        return TableOptions.defaults().reader().read(TextInput.open(file));
    }

    @Benchmark
    @OperationsPerInvocation(NUMERIC_CELLS)
    public double parseNumbers() {
        double sum = 0;
        for (int k = 0; k < NUMERIC_CELLS; k++) {
            double v = Numbers.parse(chars, starts[k], lengths[k]);
            sum += Double.isNaN(v) ? 0 : v;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(CELLS)
    public Table readTable() {
        return read();
    }

    @Benchmark
    @OperationsPerInvocation(CELLS)
    public TableProfile profile() {
        return TableProfile.of(table, all, name -> table.column(name).distinctTexts() > 0 || name.equals("y"));
    }

    @Benchmark
    @OperationsPerInvocation(CELLS)
    public Pipeline fit() {
        return TableFit.of(table, all, "y", TableOptions.defaults()).pipeline();
    }

    @Benchmark
    @OperationsPerInvocation(CELLS)
    public Tensor encode() {
        return pipeline.encode(table);
    }
}
