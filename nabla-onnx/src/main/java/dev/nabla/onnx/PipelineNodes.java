package dev.nabla.onnx;

import dev.nabla.data.CategoryEncoder;
import dev.nabla.data.Encoder;
import dev.nabla.data.NumberEncoder;
import dev.nabla.data.Pipeline;
import dev.nabla.onnx.proto.Onnx.TensorProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table pipeline as ONNX-ML operators, one raw column at a time, as {@link Pipeline#encode} does it: a number
 * column (float [N, 1], NaN when missing) through {@code Imputer} and, when training saw missing cells, an
 * {@code IsNaN} indicator; a category column (string [N, 1], the cell's text) through {@code LabelEncoder} to its
 * level's code — the missing-value tokens (in any letter case, as the reader compares them) to the missing level,
 * other texts to "other" — and then {@code OneHotEncoder}, or, for an embedded column, the code as a number.
 */
final class PipelineNodes {
    /** Tokens longer than this get only their written, lower- and upper-case spellings, not every mix. */
    private static final int MAX_MIXED_CASE = 8;

    private PipelineNodes() {
    }

    /** The encoded matrix [N, width] (float), reading one graph input per encoder, declared through {@code inputs}. */
    static String write(Graph g, Pipeline pipeline, Inputs inputs) {
        List<String> parts = new ArrayList<>();
        for (Encoder e : pipeline.encoders()) {
            switch (e) {
                case NumberEncoder n -> {
                    String x = inputs.number(n.column());
                    String filled = g.node(Graph.ML, "Imputer", List.of(x), Map.of("imputed_value_floats",
                            new double[] {n.fill()}, "replaced_value_float", Double.NaN));
                    g.declare(filled, TensorProto.DataType.FLOAT, "N", "1");
                    parts.add(filled);
                    if (n.indicator()) {
                        parts.add(g.node("", "Cast", List.of(g.node("", "IsNaN", List.of(x), Map.of())),
                                Map.of("to", (long) TensorProto.DataType.FLOAT_VALUE)));
                    }
                }
                case CategoryEncoder c -> parts.add(category(g, c, pipeline.missing(), inputs.text(c.column())));
            }
        }
        return parts.size() == 1 ? parts.get(0) : g.node("", "Concat", parts, Map.of("axis", 1L));
    }

    /** One-hot columns [N, width] or the embedding code [N, 1] of a category column. */
    private static String category(Graph g, CategoryEncoder c, List<String> missingTokens, String x) {
        int levels = c.levels().size();
        // CategoryEncoder.encode: level k → k; a missing cell → the missing column (or code L + 1), else "other"
        // (column or code L); without such a column, no 1 at all (-1 makes OneHotEncoder write zeros).
        long other = c.embedded() ? levels : c.other() ? levels : -1;
        long missing = c.embedded() ? levels + 1 : c.missing() ? levels + (c.other() ? 1 : 0) : other;
        Map<String, Long> codes = new LinkedHashMap<>();
        for (String token : missingTokens) {
            for (String spelling : spellings(token.strip())) {
                codes.put(spelling, missing);
            }
        }
        codes.put("", missing);
        for (int k = 0; k < levels; k++) {
            codes.put(c.levels().get(k), (long) k);
        }
        String code = g.node(Graph.ML, "LabelEncoder", List.of(x), Map.of(
                "keys_strings", codes.keySet().toArray(String[]::new),
                "values_int64s", codes.values().stream().mapToLong(Long::longValue).toArray(),
                "default_int64", other));
        g.declare(code, TensorProto.DataType.INT64, "N", "1");
        if (c.embedded()) {
            return g.node("", "Cast", List.of(code),
                    Map.of("to", (long) TensorProto.DataType.FLOAT_VALUE));
        }
        int width = c.width();
        long[] columns = new long[width];
        for (int k = 0; k < width; k++) {
            columns[k] = k;
        }
        String hot = g.node(Graph.ML, "OneHotEncoder", List.of(code), Map.of("cats_int64s", columns, "zeros", 1L));
        // ONNX 1.12 infers no types for ai.onnx.ml's operators: declared, so that the full check can follow them.
        g.declare(hot, TensorProto.DataType.FLOAT, "N", "1", Integer.toString(width));
        return g.node("", "Reshape", List.of(hot, g.longs(new long[] {-1, width}, 2)), Map.of());
    }

    /** Every upper/lower-case spelling of {@code token} (the reader compares tokens case-insensitively). */
    static List<String> spellings(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        List<Integer> letters = new ArrayList<>();
        for (int i = 0; i < lower.length(); i++) {
            if (Character.toUpperCase(lower.charAt(i)) != lower.charAt(i)) {
                letters.add(i);
            }
        }
        if (letters.size() > MAX_MIXED_CASE) {
            return List.copyOf(new LinkedHashSet<>(List.of(token, lower, token.toUpperCase(Locale.ROOT))));
        }
        List<String> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << letters.size(); mask++) {
            char[] chars = lower.toCharArray();
            for (int b = 0; b < letters.size(); b++) {
                if ((mask >> b & 1) != 0) {
                    chars[letters.get(b)] = Character.toUpperCase(chars[letters.get(b)]);
                }
            }
            out.add(new String(chars));
        }
        return out;
    }

    /** Declares the graph's raw-column inputs. */
    interface Inputs {
        /** A float [N, 1] input for number column {@code column}; returns its name. */
        String number(String column);

        /** A string [N, 1] input for category column {@code column}; returns its name. */
        String text(String column);
    }
}
