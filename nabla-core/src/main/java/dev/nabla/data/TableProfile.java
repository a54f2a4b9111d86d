package dev.nabla.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link ColumnProfile} per column of a table's rows, in the table's order: what {@link Schema#infer(TableProfile,
 * String, TableOptions)} and {@link Pipeline#fit(TableProfile, Schema, TableOptions, java.util.Map)} decide from. The
 * profiles of a cluster's partitions merge into the profile of all rows, and travel as bytes.
 *
 * @param source  the table's file or stream, for messages
 * @param columns one profile per column
 */
public record TableProfile(String source, List<ColumnProfile> columns) {
    public TableProfile {
        columns = List.copyOf(columns);
    }

    /**
     * The profile of {@code rows} of {@code table}; the levels of the columns {@code levelsMatter} names are counted
     * up to {@link ColumnProfile#LEVELS}, the others' up to 2.
     */
    public static TableProfile of(Table table, int[] rows, Predicate<String> levelsMatter) {
        java.util.stream.Stream<Table.Column> each = table.columns().stream();
        if ((long) rows.length * table.columns().size() >= Pipeline.PARALLEL_CELLS) {
            each = each.parallel();
        }
        return new TableProfile(table.source(), each.map(c -> ColumnProfile.of(c, rows,
                levelsMatter.test(c.name()) ? ColumnProfile.LEVELS : 2)).toList());
    }

    /**
     * The profile one process takes of {@code rows}: levels matter where the column holds text anywhere or is named
     * a category, or for {@code target}.
     */
    static TableProfile of(Table table, int[] rows, TableOptions options, String target) {
        return of(table, rows, name -> name.equals(target) || options.categorical().contains(name)
                || table.column(name).distinctTexts() > 0);
    }

    /** The column called {@code name}, or null. */
    public ColumnProfile column(String name) {
        for (ColumnProfile c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The names of the columns, in order. */
    public List<String> names() {
        return columns.stream().map(ColumnProfile::name).toList();
    }

    /** Adds the counts of {@code other} (the same columns of other rows) to these. */
    public TableProfile merge(TableProfile other) {
        if (!names().equals(other.names())) {
            throw new IllegalArgumentException("profiles of different columns: " + names() + ", " + other.names());
        }
        for (int j = 0; j < columns.size(); j++) {
            columns.get(j).merge(other.columns.get(j));
        }
        return this;
    }

    /** The profile as bytes (it is not {@code Serializable}). */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            writeText(out, source);
            out.writeInt(columns.size());
            for (ColumnProfile c : columns) {
                c.write(out);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The profile {@link #toBytes} wrote. */
    public static TableProfile fromBytes(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            String source = readText(in);
            List<ColumnProfile> columns = new ArrayList<>();
            for (int k = in.readInt(); k > 0; k--) {
                columns.add(ColumnProfile.read(in));
            }
            return new TableProfile(source, columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeText(DataOutput out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readText(DataInput in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
