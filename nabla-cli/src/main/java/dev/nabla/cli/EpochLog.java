package dev.nabla.cli;

import dev.nabla.io.AtomicFiles;
import dev.nabla.train.EpochResult;
import dev.nabla.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code --log FILE}: one CSV row per epoch — epoch, every metric of the history, seconds. */
public final class EpochLog {
    private EpochLog() {
    }

    /** The CSV text: a header, then one row per epoch; a metric an epoch lacks is an empty cell. */
    public static String csv(History history) {
        List<String> names = history.epochs().isEmpty() ? List.of()
                : List.copyOf(history.epochs().get(0).flat().keySet());
        StringBuilder sb = new StringBuilder("epoch");
        for (String name : names) {
            sb.append(',').append(name);
        }
        sb.append(",seconds\n");
        for (EpochResult e : history.epochs()) {
            sb.append(e.epoch());
            var flat = e.flat();
            for (String name : names) {
                double v = flat.getOrDefault(name, Double.NaN);
                sb.append(',');
                if (!Double.isNaN(v)) {
                    // Round-trip precision: the log is for plotting and comparing runs, not for reading.
                    sb.append(Double.toString(v));
                }
            }
            sb.append(',').append(String.format(Locale.ROOT, "%.3f", e.time().toNanos() / 1e9)).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #csv} to {@code file} atomically. */
    public static void write(Path file, History history) throws IOException {
        AtomicFiles.writeString(file, csv(history));
    }
}
