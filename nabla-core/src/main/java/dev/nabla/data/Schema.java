package dev.nabla.data;

import java.util.ArrayList;
import java.util.HashSet;
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
        requireColumns(table, options.categorical(), "--categorical");
        requireColumns(table, options.numeric(), "--numeric");
        requireColumns(table, options.ignore(), "--ignore");
        // Each column on its own (in parallel for large tables); the first column at fault, in order, is reported.
        List<Table.Column> columns = table.columns();
        Object[] found = new Object[columns.size()];
        java.util.stream.IntStream each = java.util.stream.IntStream.range(0, columns.size());
        if ((long) rows.length * columns.size() >= Pipeline.PARALLEL_CELLS) {
            each = each.parallel();
        }
        each.forEach(j -> {
            Table.Column c = columns.get(j);
            if (c.name().equals(target)) {
                return;
            }
            try {
                ColumnKind kind = kindOf(table, c, rows, options);
                int empty = 0;
                for (int i : rows) {
                    empty += c.isMissing(i) ? 1 : 0;
                }
                found[j] = new Inferred(kind, empty);
            } catch (DataException e) {
                found[j] = e;
            }
        });
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (int j = 0; j < found.length; j++) {
            if (found[j] instanceof DataException e) {
                throw e;
            }
            if (found[j] instanceof Inferred r) {
                kinds.put(columns.get(j).name(), r.kind());
                if (r.kind().isInput() && r.missing() > 0) {
                    missing.put(columns.get(j).name(), r.missing());
                }
            }
        }
        Schema schema = new Schema(kinds, missing, target);
        if (schema.inputs().isEmpty()) {
            throw new DataException(table.source() + ": no input column left (" + schema.describeDropped()
                    + "); a model needs at least one");
        }
        return schema;
    }

    /** A column's kind and its missing cells among the rows. */
    private record Inferred(ColumnKind kind, int missing) {
    }

    private static void requireColumns(Table table, Set<String> names, String option) {
        for (String n : names) {
            if (table.column(n) == null) {
                throw new DataException(table.source() + ": " + option + " names column '" + n
                        + "', which the file does not have; the columns are " + Table.abbreviate(table.names()));
            }
        }
    }

    private static ColumnKind kindOf(Table table, Table.Column c, int[] rows, TableOptions options) {
        String name = c.name();
        if (options.ignore().contains(name)) {
            return ColumnKind.IGNORED;
        }
        if (options.categorical().contains(name)) {
            return ColumnKind.CATEGORY;
        }
        boolean forcedNumber = options.numeric().contains(name);
        int filled = 0;
        boolean missing = false;
        boolean text = false;
        // Texts are told apart by their reader's code; numbers by their level's name, and only until a second one.
        boolean[] seen = new boolean[c.distinctTexts()];
        int distinctTexts = 0;
        Set<String> distinct = new HashSet<>();
        for (int i : rows) {
            int code = c.code(i);
            if (code >= 0) {
                if (forcedNumber) {
                    throw table.cellError(i, name, "'" + TableReader.shorten(c.level(i))
                            + "' is not a number, and the column is given as --numeric");
                }
                text = true;
                filled++;
                if (!seen[code]) {
                    seen[code] = true;
                    distinctTexts++;
                }
                continue;
            }
            if (c.isMissing(i)) {
                missing = true;
                continue;
            }
            filled++;
            if (text || distinct.size() < 2) {
                distinct.add(c.level(i));
            }
        }
        int distinctValues = distinctTexts + distinct.size();
        if (distinctValues + (missing ? 1 : 0) <= 1) {
            return ColumnKind.CONSTANT;
        }
        if (!text || forcedNumber) {
            return ColumnKind.NUMBER;
        }
        if (filled >= IDENTIFIER_MIN_ROWS && distinctValues >= IDENTIFIER_SHARE * filled) {
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
