package dev.nabla.nn;

import java.util.List;

/**
 * Where a {@link LayerKind} reads a layer's fields from (JSON in {@code io}). A missing required field or a value
 * of the wrong kind is reported by the reader, naming its place in the file; a value out of range is refused by
 * the spec's constructor with an {@link IllegalArgumentException}, which the reader reports at the layer's place.
 */
public interface SpecReader {
    /** Whether the field is present. */
    boolean has(String key);

    /** A required integer in [min, max]. */
    int integer(String key, int min, int max);

    /** A required list of integers, each in [min, max]. */
    int[] integers(String key, int min, int max);

    /** A required number. */
    double number(String key);

    boolean bool(String key);

    String string(String key);

    /**
     * A required string turned into a value by {@code parse}, e.g. an initialiser's name; an
     * {@link IllegalArgumentException} from {@code parse} is reported at the field's place.
     */
    <T> T parse(String key, java.util.function.Function<String, T> parse);

    List<LayerSpec> layers(String key);

    List<List<LayerSpec>> branches(String key);

    default double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    default boolean bool(String key, boolean fallback) {
        return has(key) ? bool(key) : fallback;
    }

    default String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }
}
