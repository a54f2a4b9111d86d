package dev.nabla.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A layer type as it appears in files: its name, the keys its JSON object may hold besides {@code type}, and how
 * to read them. Each {@link LayerSpec} record declares its kinds in a static {@code KINDS} list; this class finds
 * them through the permitted subclasses of the sealed interface, so no list here must be kept in step.
 *
 * @param type the file name of the type, e.g. {@code batch_norm}
 * @param keys the keys allowed besides {@code type}
 * @param read builds the spec from the fields
 */
public record LayerKind(String type, Set<String> keys, Function<SpecReader, LayerSpec> read) {
    /** Built on first use: the records' KINDS lists construct LayerKinds while their own classes initialise. */
    private static final class Registry {
        static final Map<String, LayerKind> BY_TYPE = collect();
    }

    public LayerKind {
        keys = Set.copyOf(keys);
    }

    /** Every kind, in the order of {@code permits} and then of each record's {@code KINDS}. */
    public static List<LayerKind> all() {
        return List.copyOf(Registry.BY_TYPE.values());
    }

    /** The kind called {@code type} (exact, lower case), or null. */
    public static LayerKind of(String type) {
        return Registry.BY_TYPE.get(type);
    }

    /** The type names, comma separated, for messages. */
    public static String names() {
        return String.join(", ", Registry.BY_TYPE.keySet());
    }

    private static Map<String, LayerKind> collect() {
        Map<String, LayerKind> out = new LinkedHashMap<>();
        for (Class<?> c : LayerSpec.class.getPermittedSubclasses()) {
            for (LayerKind k : kindsOf(c)) {
                if (out.put(k.type(), k) != null) {
                    throw new IllegalStateException("layer type '" + k.type() + "' is declared twice");
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<LayerKind> kindsOf(Class<?> c) {
        try {
            Field f = c.getDeclaredField("KINDS");
            if (!Modifier.isStatic(f.getModifiers())) {
                throw new IllegalStateException(c.getSimpleName() + ".KINDS must be static");
            }
            f.setAccessible(true);
            return new ArrayList<>((List<LayerKind>) f.get(null));
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException(c.getSimpleName() + " declares no static KINDS list", e);
        }
    }
}
