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
        Map<String, Long> out = new LinkedHashMap<>();
        collect("", model, out);
        return out;
    }

    private static void collect(String path, Module m, Map<String, Long> out) {
        if (m instanceof Positioned p) {
            out.put(path, p.position());
        }
        m.children().forEach((name, child) -> collect(path.isEmpty() ? name : path + "." + name, child, out));
    }

    /** Puts each generator back to its recorded position; a module without a recorded position is an error. */
    static void seek(Module model, Map<String, Long> positions) {
        Map<String, Long> now = positions(model);
        if (!now.keySet().equals(positions.keySet())) {
            throw new IllegalArgumentException("generator positions for " + positions.keySet() + ", the network has "
                    + now.keySet());
        }
        seekAll("", model, positions);
    }

    private static void seekAll(String path, Module m, Map<String, Long> positions) {
        if (m instanceof Positioned p) {
            p.seek(positions.get(path));
        }
        m.children().forEach((name, child) -> seekAll(path.isEmpty() ? name : path + "." + name, child, positions));
    }
}
