package dev.nabla.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The kind of every column of a table but the target, inferred from the training rows: numbers stay numbers
 * (integers too, unless named {@code --categorical}); texts and yes/no columns are categories; a text with nearly
 * every value distinct is an identifier and a column with one value is a constant — both left out, and said.
 *
 * @param kinds   column name → kind, in the table's order
 * @param missing input column name → missing cells in the training rows, for those that have some
 * @param target  the target column's name
 */
public record Schema(Map<String, ColumnKind> kinds, Map<String, Integer> missing, String target) {
    /** A text column whose distinct values are at least this share of its filled cells is an identifier… */
    static final double IDENTIFIER_SHARE = 0.9;
    /** …when it has at least this many filled cells (on a few rows every value may well be distinct). */
    static final int IDENTIFIER_MIN_ROWS = 20;

    public Schema {
        kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
        missing = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    }

    /**
     * Infers the kinds from {@code rows} of {@code table} (the training rows).
     *
     * @throws DataException when an option names a column the table lacks, or a {@code --numeric} column holds text
     */
    public static Schema infer(Table table, int[] rows, String target, TableOptions options) {
        requireNumeric(table, rows, target, options);
        return infer(TableProfile.of(table, rows, options, target), target, options);
    }

    /** Checks the option's columns exist and the {@code --numeric} ones hold no text, naming the first cell at fault. */
    static void requireNumeric(Table table, int[] rows, String target, TableOptions options) {
        requireColumns(table.source(), table.names(), options);
        // A --numeric column's first text is reported where it stands in the file.
        for (Table.Column c : table.columns()) {
            if (options.numeric().contains(c.name()) && !c.name().equals(target)) {
                for (int i : rows) {
                    if (c.isText(i)) {
                        throw table.cellError(i, c.name(), "'" + TableReader.shorten(c.level(i))
                                + "' is not a number, and the column is given as --numeric");
                    }
                }
            }
        }
    }

    /**
     * Infers the kinds from the profile of the training rows, which may have been counted on many machines.
     *
     * @throws DataException when an option names a column the table lacks, or a {@code --numeric} column holds text
     */
    public static Schema infer(TableProfile profile, String target, TableOptions options) {
        requireColumns(profile.source(), profile.names(), options);
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (ColumnProfile c : profile.columns()) {
            if (c.name().equals(target)) {
                continue;
            }
            ColumnKind kind = kindOf(profile.source(), c, options);
            kinds.put(c.name(), kind);
            if (kind.isInput() && c.missing() > 0) {
                missing.put(c.name(), Math.toIntExact(c.missing()));
            }
        }
        Schema schema = new Schema(kinds, missing, target);
        if (schema.inputs().isEmpty()) {
            throw new DataException(profile.source() + ": no input column left (" + schema.describeDropped()
                    + "); a model needs at least one");
        }
        return schema;
    }

    private static void requireColumns(String source, List<String> columns, TableOptions options) {
        for (Map.Entry<String, Set<String>> e : List.of(Map.entry("--categorical", options.categorical()),
                Map.entry("--numeric", options.numeric()), Map.entry("--ignore", options.ignore()))) {
            for (String n : new java.util.TreeSet<>(e.getValue())) {
                if (!columns.contains(n)) {
                    throw new DataException(source + ": " + e.getKey() + " names column '" + n
                            + "', which the file does not have; the columns are " + Table.abbreviate(columns));
                }
            }
        }
    }

    private static ColumnKind kindOf(String source, ColumnProfile c, TableOptions options) {
        String name = c.name();
        if (options.ignore().contains(name)) {
            return ColumnKind.IGNORED;
        }
        if (options.categorical().contains(name)) {
            return ColumnKind.CATEGORY;
        }
        boolean forcedNumber = options.numeric().contains(name);
        boolean text = c.texts() > 0;
        if (forcedNumber && text) {
            throw new DataException(source + ": column '" + TableReader.shorten(name) + "' holds " + c.texts()
                    + " texts that are not numbers, and the column is given as --numeric");
        }
        if (!c.many() && c.distinct() + (c.missing() > 0 ? 1 : 0) <= 1) {
            return ColumnKind.CONSTANT;
        }
        if (!text || forcedNumber) {
            return ColumnKind.NUMBER;
        }
        // A text column with more distinct values than a profile counts is an identifier whatever its length.
        long filled = c.numbers() + c.texts();
        if (c.many() || filled >= IDENTIFIER_MIN_ROWS && c.distinct() >= IDENTIFIER_SHARE * filled) {
            return ColumnKind.IDENTIFIER;
        }
        return ColumnKind.CATEGORY;
    }

    /** The input columns (numbers and categories), in order. */
    public List<String> inputs() {
        List<String> out = new ArrayList<>();
        kinds.forEach((n, k) -> {
            if (k.isInput()) {
                out.add(n);
            }
        });
        return out;
    }

    /** The columns of {@code kind}, in order. */
    public List<String> columns(ColumnKind kind) {
        List<String> out = new ArrayList<>();
        kinds.forEach((n, k) -> {
            if (k == kind) {
                out.add(n);
            }
        });
        return out;
    }

    /** e.g. {@code id (identifier), Country (constant)}, or "none". */
    String describeDropped() {
        List<String> out = new ArrayList<>();
        kinds.forEach((n, k) -> {
            if (!k.isInput()) {
                out.add(n + " (" + k.id() + ")");
            }
        });
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /**
     * A few lines for the start of a run: the inputs by kind, the missing cells of the training rows and how they are
     * filled, and what was left out and why.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        List<String> numbers = columns(ColumnKind.NUMBER);
        List<String> categories = columns(ColumnKind.CATEGORY);
        lines.add(String.format(Locale.ROOT, "%d numeric%s, %d categorical%s", numbers.size(),
                numbers.isEmpty() ? "" : " (" + Table.abbreviate(numbers) + ")", categories.size(),
                categories.isEmpty() ? "" : " (" + Table.abbreviate(categories) + ")"));
        if (!missing.isEmpty()) {
            List<String> counts = new ArrayList<>();
            missing.forEach((n, k) -> counts.add(n + " " + k));
            lines.add("missing cells in the training rows: " + Table.abbreviate(counts)
                    + " (numbers filled, with an indicator column; categories get a missing level)");
        }
        String dropped = describeDropped();
        if (!dropped.equals("none")) {
            lines.add("left out: " + dropped);
        }
        return lines;
    }
}
