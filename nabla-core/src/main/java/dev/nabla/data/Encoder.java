package dev.nabla.data;

import java.util.List;

/**
 * How one raw column becomes columns of the network's input matrix, fitted on the training rows and stored in a
 * model, so that prediction encodes raw rows exactly as training did.
 */
public sealed interface Encoder permits NumberEncoder, CategoryEncoder {
    /** The raw column's name. */
    String column();

    /** Names of the encoded columns, e.g. {@code Income}, {@code Income_missing}, {@code Home=rent}. */
    List<String> names();

    /** Number of encoded columns. */
    default int width() {
        return names().size();
    }

    /** Whether encoded column {@code k} is a number the input scaling should standardise (not a 0/1 or a code). */
    boolean scaled(int k);

    /**
     * The writer of {@code column}'s rows into a new (zeroed) row-major matrix, which {@link Pipeline#encode} calls
     * block of rows by block of rows (what it looks up once per column, it looks up here).
     */
    Rows rows(Table.Column column);

    /** Writes rows of one column into a matrix. */
    @FunctionalInterface
    interface Rows {
        /** Writes rows i ∈ [from, to) into {@code out[i·width + offset …]}, a new (zeroed) row-major matrix. */
        void write(float[] out, int width, int offset, int from, int to);
    }

    /** One line for summaries, e.g. {@code Income: number, missing → 120.5 (+ indicator)}. */
    String describe();
}
