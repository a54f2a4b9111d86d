package dev.nabla.explain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one text names a network's values: Nabla's default symbols (X, W₁, b₁, A₁, H₁, …, L, T, and their barred
 * gradients) renamed to the text's own (the UMONS seed's U, b, G, H, z, ε), and notes to print next to equations,
 * each keyed by the default symbol its equation defines (e.g. where a seed's own equation is wrong).
 *
 * @param title   a heading, or empty
 * @param symbols default symbol → symbol in this notation
 * @param notes   default symbol defined by an equation → the note printed next to it
 */
public record Notation(String title, Map<String, String> symbols, Map<String, String> notes) {
    /** Nabla's own symbols and no notes. */
    public static final Notation DEFAULT = new Notation("", Map.of(), Map.of());

    public Notation {
        Map<String, String> composed = new LinkedHashMap<>();
        symbols.forEach((k, v) -> composed.put(MathText.nfc(k), MathText.nfc(v)));
        symbols = java.util.Collections.unmodifiableMap(composed);
        Map<String, String> keyed = new LinkedHashMap<>();
        notes.forEach((k, v) -> keyed.put(MathText.nfc(k), v));
        notes = java.util.Collections.unmodifiableMap(keyed);
        for (Map.Entry<String, String> e : symbols.entrySet()) {
            if (e.getValue().isBlank()) {
                throw new IllegalArgumentException("the symbol for " + e.getKey() + " is empty");
            }
        }
    }

    /** The symbol for the default {@code key}: its rename, or the key itself. */
    String symbol(String key) {
        return symbols.getOrDefault(key, key);
    }

    /** The gradient's symbol for the default {@code key}: the rename of its barred key, or the barred symbol. */
    String gradient(String key) {
        String barred = MathText.bar(key);
        return symbols.containsKey(barred) ? symbols.get(barred) : MathText.bar(symbol(key));
    }
}
