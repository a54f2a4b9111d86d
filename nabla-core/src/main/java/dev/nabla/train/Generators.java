package dev.nabla.train;

import dev.nabla.nn.Module;
import dev.nabla.nn.Positioned;
import java.util.LinkedHashMap;
import java.util.Map;

/** The positions of a network's own generators ({@link Positioned} modules), by module path, for a checkpoint. */
final class Generators {
    private Generators() {
    }

    static Map<String, Long> positions(Module model) {
        return generators(model).entrySet().stream().collect(LinkedHashMap::new,
                (m, e) -> m.put(e.getKey(), e.getValue().position()), Map::putAll);
    }

    /** Puts each generator back to its recorded position; a module without a recorded position is an error. */
    static void seek(Module model, Map<String, Long> positions) {
        Map<String, Positioned> generators = generators(model);
        if (!generators.keySet().equals(positions.keySet())) {
            throw new IllegalArgumentException("generator positions for " + positions.keySet() + ", the network has "
                    + generators.keySet());
        }
        generators.forEach((path, p) -> p.seek(positions.get(path)));
    }

    /** The network's generators by module path ("0.2"), in the order of its modules. */
    private static Map<String, Positioned> generators(Module model) {
        Map<String, Positioned> out = new LinkedHashMap<>();
        collect("", model, out);
        return out;
    }

    private static void collect(String path, Module m, Map<String, Positioned> out) {
        if (m instanceof Positioned p) {
            out.put(path, p);
        }
        m.children().forEach((name, child) -> collect(path.isEmpty() ? name : path + "." + name, child, out));
    }
}
