package dev.nabla.cli;

import dev.nabla.data.ColumnKind;
import dev.nabla.data.DataSource;
import dev.nabla.data.Dataset;
import dev.nabla.data.Schema;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import dev.nabla.data.Datasets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nabla datasets}: the embedded datasets (loaded, so the counts are the real ones) and Fashion-MNIST. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Lists the datasets that --data accepts by name.")
final class DatasetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-14s %6s  %-20s %-12s %-10s %7s  %s%n";
        out.printf(format, "name", "rows", "columns", "target", "task", "classes", "description");
        for (Datasets.Info info : Datasets.embedded()) {
            DataSource s = Datasets.open(info.name(), null);
            Dataset d = s.data();
            Table cells = s.table().cells();
            Schema schema = Schema.infer(cells, java.util.stream.IntStream.range(0, cells.rows()).toArray(),
                    info.target(), TableOptions.defaults());
            String columns = schema.columns(ColumnKind.NUMBER).size() + " num, "
                    + schema.columns(ColumnKind.CATEGORY).size() + " cat"
                    + (schema.inputs().size() < schema.kinds().size() ? ", " + (schema.kinds().size()
                    - schema.inputs().size()) + " out" : "");
            out.printf(format, info.name(), d.rows(), columns, info.target(), d.task().id(),
                    d.isClassification() ? Integer.toString(d.classNames().size()) : "-", info.description());
        }
        boolean fashion = Files.isDirectory(Datasets.DEBIAN_FASHION_MNIST);
        out.printf(format, "fashion-mnist", "70000", "784 pixels", "label", "multiclass", "10",
                "Zalando's clothing images, 28x28 pixels, 60000 train + 10000 test ("
                        + (fashion ? "installed in " + Datasets.DEBIAN_FASHION_MNIST : "not installed: apt-get install dataset-fashion-mnist") + ")");
        out.println();
        out.println("Sources and licences:");
        for (Datasets.Info info : Datasets.embedded()) {
            out.println("  " + info.name() + ": " + info.source());
        }
        out.flush();
        return Errors.OK;
    }
}
