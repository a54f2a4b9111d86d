package dev.nabla.nn;

import dev.nabla.autograd.Parameters;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A differentiable function with named parameters, buffers and sub-modules, named the way PyTorch's
 * {@code state_dict} names them ({@code 0.weight}, {@code 2.bias}, {@code 1.running_mean}, …). Subclasses register
 * parameters, buffers and children in their constructor and implement {@link #forward}; everything else is
 * derived from those.
 */
public abstract class Module {
    private final LinkedHashMap<String, Variable> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Y = this(X) for a batch X of shape [rows, features]. */
    public abstract Variable forward(Variable x);

    /**
     * This module as data: the {@link LayerSpec} that builds an equal module (the weights aside). Every module of
     * the library has one, so that any network built in code can be saved.
     *
     * @throws UnsupportedOperationException for a custom module without a file form
     */
    public LayerSpec spec() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no file form; build networks "
                + "from the library's modules (Linear, activations, Sequential, Add, …) to save them");
    }

    /** Registers (or replaces) a parameter of this module under {@code name}; returns it. */
    protected final Variable registerParameter(String name, Variable parameter) {
        parameters.put(checkName(name), parameter);
        return parameter;
    }

    /** Registers (or replaces) a buffer — state saved with the model but not trained, e.g. running statistics. */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        buffers.put(checkName(name), buffer);
        return buffer;
    }

    /** Registers a sub-module under {@code name}; returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        children.put(checkName(name), module);
        return module;
    }

    private static String checkName(String name) {
        if (name.contains(".")) {
            throw new IllegalArgumentException("names in a module may not contain '.': " + name);
        }
        return name;
    }

    /** This module's own parameter called {@code name}, or null. */
    protected final Variable parameter(String name) {
        return parameters.get(name);
    }

    /** This module's own buffer called {@code name}, or null. */
    protected final Tensor buffer(String name) {
        return buffers.get(name);
    }

    /** Direct sub-modules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** All parameters of this module and its descendants, by dotted path, in registration order. */
    public final Map<String, Variable> namedParameters() {
        LinkedHashMap<String, Variable> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Variable> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        children.forEach((name, child) -> child.collectParameters(prefix + name + ".", out));
    }

    /** All parameters, in the order of {@link #namedParameters()}, carrying their names for optimisers' state. */
    public final Parameters parameters() {
        return new Parameters(namedParameters());
    }

    /**
     * Parameters and buffers by dotted path, in PyTorch's {@code state_dict} order: a module's parameters, then its
     * buffers, then its children's. The tensors are the live ones, not copies.
     */
    public final Map<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p.data()));
        buffers.forEach((name, b) -> out.put(prefix + name, b));
        children.forEach((name, child) -> child.collectState(prefix + name + ".", out));
    }

    /**
     * Copies every entry of {@code state} into the parameter or buffer of the same name, converting the dtype.
     * Strict, as PyTorch's {@code load_state_dict(strict=True)}: every key must be present, none may be extra, and
     * shapes must agree; nothing is changed unless all of them do.
     *
     * @throws IllegalArgumentException naming the first missing or unexpected key or the first shape mismatch
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> own = stateDict();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor stored = state.get(e.getKey());
            if (stored == null) {
                throw new IllegalArgumentException("tensor \"" + e.getKey() + "\" of shape " + e.getValue().shapeString()
                        + " is missing; the architecture needs " + own.keySet());
            }
            if (!Arrays.equals(stored.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("tensor \"" + e.getKey() + "\" has shape " + stored.shapeString()
                        + ", the architecture needs " + e.getValue().shapeString());
            }
        }
        Set<String> extra = new LinkedHashSet<>(state.keySet());
        extra.removeAll(own.keySet());
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("tensors " + extra + " belong to no parameter or buffer of the architecture");
        }
        own.forEach((name, target) -> {
            Tensor stored = state.get(name);
            target.copyFromInPlace(stored.dtype() == target.dtype() ? stored : stored.to(target.dtype()));
        });
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
     * Converts every parameter and buffer to {@code dtype} (gradients are dropped); returns this. Converted
     * parameters are new objects: create optimisers after converting.
     */
    public Module to(DType dtype) {
        parameters.replaceAll((name, p) -> p.data().dtype() == dtype ? p : Variable.parameter(p.data().to(dtype)));
        buffers.replaceAll((name, b) -> b.dtype() == dtype ? b : b.to(dtype));
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
}
