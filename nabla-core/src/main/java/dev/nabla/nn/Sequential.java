package dev.nabla.nn;

import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied in order, Y = fₙ(…f₂(f₁(X))), named "0", "1", … like {@code torch.nn.Sequential}.
 * A {@link Linear} followed by an {@link ActivationLayer} runs as one fused node.
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a layer; returns this. */
    public Sequential add(Module layer) {
        registerModule(Integer.toString(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    /** The layers, in order. */
    public List<Module> layers() {
        return List.copyOf(layers);
    }

    @Override
    public Variable forward(Variable x) {
        Variable h = x;
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            if (layer instanceof Linear lin && i + 1 < layers.size() && layers.get(i + 1) instanceof ActivationLayer act) {
                h = Functional.linear(h, lin.weight(), lin.bias(), act.activation(), act.slope());
                i++;
            } else {
                h = layer.forward(h);
            }
        }
        return h;
    }

    @Override
    public SequentialSpec spec() {
        return new SequentialSpec(layers.stream().map(Module::spec).toList());
    }
}
