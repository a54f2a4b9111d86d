package dev.nabla.cli;

import dev.nabla.data.TableOptions;
import dev.nabla.data.TableReader;
import dev.nabla.data.Task;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** How a CSV table is read and its columns encoded: the options {@code train} and {@code describe} share. */
final class TableOptionsMixin {
    @Option(names = "--categorical", paramLabel = "COL,...", split = ",",
            description = "Read these columns as categories, whatever they hold (e.g. an integer zip code).")
    List<String> categorical = List.of();

    @Option(names = "--numeric", paramLabel = "COL,...", split = ",",
            description = "Read these columns as numbers (a text cell is then an error).")
    List<String> numeric = List.of();

    @Option(names = "--ignore", paramLabel = "COL,...", split = ",", description = "Leave these columns out.")
    List<String> ignore = List.of();

    @Option(names = "--na-values", paramLabel = "TEXT,...", split = ",",
            description = "Cell texts read as missing, compared case-insensitively (default: empty, NA, N/A, NaN, null, None, ?).")
    List<String> naValues;

    @Option(names = "--impute", paramLabel = "HOW", defaultValue = "median",
            description = "How a missing number is filled from the training rows: median, mean or zero (default: ${DEFAULT-VALUE}); a 0/1 indicator column is added for every numeric column with missing cells.")
    String impute;

    @Option(names = "--max-onehot", paramLabel = "N", defaultValue = "" + TableOptions.DEFAULT_MAX_ONEHOT,
            description = "A category needing at most N one-hot columns is one-hot encoded; with more levels it is a learned embedding (default: ${DEFAULT-VALUE}).")
    int maxOneHot;

    @Option(names = "--task", paramLabel = "TASK",
            description = "classification or regression, overriding the guess from the target's values (integers with at most 20 values are classes).")
    String task;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "The field delimiter (default: told from the header line: comma, semicolon, tab or pipe; 'tab' for a tab).")
    String delimiter;

    /** The options, checked: each bad value is one line naming the option. */
    TableOptions options(Checks checks) {
        TableOptions.Impute how = checks.option("--impute", () -> TableOptions.Impute.fromId(impute));
        checks.positive("--max-onehot", maxOneHot);
        Task t = task == null ? null : checks.option("--task", () -> taskOf(task));
        Character d = delimiter == null ? null : checks.option("--delimiter", () -> delimiterOf(delimiter));
        return checks.option("--categorical", () -> new TableOptions(
                naValues == null ? TableReader.DEFAULT_MISSING : naValues, d, set(categorical), set(numeric), set(ignore),
                how, Math.max(2, maxOneHot), TableOptions.DEFAULT_MIN_LEVEL_ROWS, t));
    }

    private static Set<String> set(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        names.forEach(n -> out.add(n.strip()));
        return out;
    }

    /** classification (binary or multi-class, told by the classes) or regression. */
    private static Task taskOf(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "classification", "classes" -> Task.MULTICLASS;
            case "regression" -> Task.REGRESSION;
            default -> throw new IllegalArgumentException("expected classification or regression, got '" + text + "'");
        };
    }

    private static char delimiterOf(String text) {
        if (text.equalsIgnoreCase("tab") || text.equals("\\t")) {
            return '\t';
        }
        if (text.length() != 1 || text.charAt(0) == '"' || text.charAt(0) == '\n' || text.charAt(0) == '\r') {
            throw new IllegalArgumentException("expected one character (or 'tab'), got '" + text + "'");
        }
        return text.charAt(0);
    }
}
