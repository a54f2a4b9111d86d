package dev.nabla.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * {@link Embeddings} of integer-coded input columns, a table's first layer when it has categories with many levels:
 * {@code {"type": "embedding", "columns": [5, 9], "codes": [70, 30], "dimensions": [16, 11]}}.
 *
 * @param columns    the code columns of the input
 * @param codes      the number of codes of each (table rows)
 * @param dimensions the embedding width of each
 */
public record EmbeddingSpec(int[] columns, int[] codes, int[] dimensions) implements LayerSpec {
    static final List<LayerKind> KINDS = List.of(new LayerKind("embedding", Set.of("columns", "codes", "dimensions"),
            in -> new EmbeddingSpec(in.integers("columns", 0, Integer.MAX_VALUE), in.integers("codes", 1, 1 << 24),
                    in.integers("dimensions", 1, 1 << 16))));

    public EmbeddingSpec {
        if (columns.length == 0 || columns.length != codes.length || columns.length != dimensions.length) {
            throw new IllegalArgumentException("an embedding layer needs as many codes and dimensions as columns, got "
                    + columns.length + ", " + codes.length + " and " + dimensions.length);
        }
        if (Arrays.stream(columns).distinct().count() != columns.length) {
            throw new IllegalArgumentException("an embedding layer lists a column twice: " + Arrays.toString(columns));
        }
        columns = columns.clone();
        codes = codes.clone();
        dimensions = dimensions.clone();
    }

    @Override
    public String type() {
        return "embedding";
    }

    @Override
    public int outputWidth(int width) {
        int out = width - columns.length;
        for (int k = 0; k < columns.length; k++) {
            if (columns[k] >= width) {
                throw new IllegalArgumentException("embedding: column " + columns[k] + " beyond the " + width + " inputs");
            }
            out += dimensions[k];
        }
        return out;
    }

    @Override
    public long stateSize(int width) {
        long n = 0;
        for (int k = 0; k < codes.length; k++) {
            n += (long) codes[k] * dimensions[k];
        }
        return n;
    }

    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        return new Embeddings(columns, codes, dimensions, rng);
    }

    /**
     * Y = [X·P | E₁[c₁] | E₂[c₂] | …]: the other columns by one Gather, each code column cast to int64 and looked up
     * in its table {@code k.weight} by another, all concatenated in {@link Embeddings}' order.
     */
    @Override
    public String onnx(OnnxNodes out, String input, int width) {
        Set<Integer> coded = new HashSet<>();
        Arrays.stream(columns).forEach(coded::add);
        long[] kept = IntStream.range(0, width).filter(j -> !coded.contains(j)).asLongStream().toArray();
        List<String> parts = new ArrayList<>();
        if (kept.length > 0) {
            parts.add(out.node("Gather", List.of(input, out.indices(kept, kept.length)), Map.of("axis", 1L)));
        }
        for (int k = 0; k < columns.length; k++) {
            String code = out.node("Gather", List.of(input, out.indices(new long[] {columns[k]})), Map.of("axis", 1L));
            String index = out.node("Cast", List.of(code), Map.of("to", OnnxNodes.INT64));
            parts.add(out.node("Gather", List.of(out.parameter(k + ".weight"), index), Map.of("axis", 0L)));
        }
        return parts.size() == 1 ? parts.get(0) : out.node("Concat", parts, Map.of("axis", 1L));
    }

    @Override
    public void write(SpecWriter out) {
        out.writeIntegers("columns", columns);
        out.writeIntegers("codes", codes);
        out.writeIntegers("dimensions", dimensions);
    }

    @Override
    public String describe(int width) {
        return "Embeddings(" + columns.length + " columns → " + Arrays.stream(dimensions).sum() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingSpec e && Arrays.equals(columns, e.columns) && Arrays.equals(codes, e.codes)
                && Arrays.equals(dimensions, e.dimensions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(columns) * 31 + Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return "EmbeddingSpec" + Arrays.toString(columns) + Arrays.toString(codes) + Arrays.toString(dimensions);
    }
}
