package dev.nabla.nn;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A differentiable function with named parameters and sub-modules, named the way PyTorch's
 * {@code state_dict} names them ({@code 0.weight}, {@code 2.bias}, …). Subclasses register parameters and
 * children in their constructor and implement {@link #forward}; everything else is derived from those.
 */
public abstract class Module {
    private final LinkedHashMap<String, Variable> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Y = this(X) for a batch X of shape [rows, features]. */
    public abstract Variable forward(Variable x);

    /** Registers (or replaces) a parameter of this module under {@code name}; returns it. */
    protected final Variable registerParameter(String name, Variable parameter) {
        if (name.contains(".")) {
            throw new IllegalArgumentException("parameter names may not contain '.': " + name);
        }
        parameters.put(name, parameter);
        return parameter;
    }

    /** Registers a sub-module under {@code name}; returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        if (name.contains(".")) {
            throw new IllegalArgumentException("module names may not contain '.': " + name);
        }
        children.put(name, module);
        return module;
    }

    /** This module's own parameter called {@code name}, or null. */
    protected final Variable parameter(String name) {
        return parameters.get(name);
    }

    /** Direct sub-modules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** All parameters of this module and its descendants, by dotted path, in registration order. */
    public final Map<String, Variable> namedParameters() {
        LinkedHashMap<String, Variable> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Variable> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        children.forEach((name, child) -> child.collect(prefix + name + ".", out));
    }

    /** All parameters, in the order of {@link #namedParameters()}. */
    public final List<Variable> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Number of scalar parameters. */
    public final long parameterCount() {
        long n = 0;
        for (Variable p : namedParameters().values()) {
            n += p.data().size();
        }
        return n;
    }

    /** Sets every parameter's gradient to zero. */
    public final void zeroGrad() {
        for (Variable p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    /**
     * Converts every parameter to {@code dtype} (gradients are dropped); returns this. Converted parameters
     * are new objects: create optimisers after converting.
     */
    public Module to(DType dtype) {
        parameters.replaceAll((name, p) -> p.data().dtype() == dtype ? p : Variable.parameter(p.data().to(dtype)));
        children.values().forEach(c -> c.to(dtype));
        return this;
    }

    /** Switches this module and its descendants to training (true) or evaluation (false) mode; returns this. */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(c -> c.train(on));
        return this;
    }

    /** Evaluation mode, {@code train(false)}; returns this. */
    public Module eval() {
        return train(false);
    }

    /** Whether the module is in training mode (the default). */
    public final boolean isTraining() {
        return training;
    }

    /** A printable table of layers, output shapes and parameter counts for inputs of {@code inputFeatures}. */
    public final String summary(int inputFeatures) {
        return Summary.of(this, inputFeatures);
    }

    /** A short description of this layer for summaries, e.g. {@code Linear(784 → 256)}. */
    public String describe() {
        return getClass().getSimpleName();
    }
}
