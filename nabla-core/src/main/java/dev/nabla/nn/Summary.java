package dev.nabla.nn;

import java.util.List;

/** The printable layer table of {@link Module#summary(int)}: layer, output shape, parameters — from the specs. */
final class Summary {
    private Summary() {
    }

    static String of(Module model, int inputFeatures) {
        ModelSpec spec = ModelSpec.of(model, inputFeatures);
        List<LayerSpec> layers = spec.layers();
        // A Sequential's children are its layers in order; a lone module is the one layer.
        List<Module> modules = model instanceof Sequential s ? List.copyOf(s.children().values()) : List.of(model);
        StringBuilder sb = new StringBuilder();
        String format = "%-6s %-28s %-14s %12s%n";
        sb.append(String.format(format, "#", "layer", "output shape", "parameters"));
        int width = inputFeatures;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String line = layer.describe(width);
            width = layer.outputWidth(width);
            sb.append(String.format(format, model instanceof Sequential ? Integer.toString(i) : "", line,
                    "(N, " + width + ")", modules.get(i).parameterCount()));
        }
        sb.append(String.format("total parameters: %d%n", model.parameterCount()));
        return sb.toString();
    }
}
