package dev.nabla.cli;

import dev.nabla.data.ColumnSummary;
import dev.nabla.data.DataSource;
import dev.nabla.data.Datasets;
import dev.nabla.data.Schema;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nabla describe FILE}: each column's inferred kind, missing and distinct counts, and its values. */
@Command(name = "describe", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Prints, per column of a CSV file (or embedded table), the kind training would infer, the",
                "missing and distinct counts, and min/mean/max or the most frequent categories."})
final class DescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|NAME", description = "A CSV file ('-' for standard input) or an embedded table.")
    String data;

    @Option(names = "--target", paramLabel = "COL", description = "The column to predict (default: the last; an embedded table's own).")
    String target;

    @Mixin
    TableOptionsMixin table;

    @Override
    public Integer call() {
        TableOptions options = table.options(new Checks(spec.commandLine()));
        DataSource source = Datasets.open(data, target, options);
        if (source.table() == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), data
                    + ": not a table (IDX images); describe reads CSV files and embedded tables");
        }
        Table cells = source.table().cells();
        int[] all = java.util.stream.IntStream.range(0, cells.rows()).toArray();
        String targetName = source.table().target().name();
        Schema schema = Schema.infer(cells, all, targetName, options);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %d rows%s, %d columns%n", source.data().name(), cells.rows(),
                source.table().target().dropped() > 0 ? " (+ " + source.table().target().dropped()
                        + " without a target)" : "", cells.columns().size());
        String format = "%-22s %-11s %8s %9s  %s%n";
        out.printf(format, "column", "kind", "missing", "distinct", "values");
        for (Table.Column c : cells.columns()) {
            ColumnSummary s = ColumnSummary.of(c, 3);
            String kind = c.name().equals(targetName) ? "target" : schema.kinds().get(c.name()).id();
            out.printf(Locale.ROOT, format, c.name(), kind, s.missing(), s.distinct(), values(s, kind));
        }
        out.flush();
        return Errors.OK;
    }

    private static String values(ColumnSummary s, String kind) {
        if (!s.top().isEmpty()) {
            return s.top().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", ")) + (s.distinct() > s.top().size() ? ", …" : "");
        }
        if (Double.isNaN(s.mean())) {
            return "-";
        }
        return String.format(Locale.ROOT, "min %s  mean %.4g  max %s", number(s.min()), s.mean(), number(s.max()));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

}
