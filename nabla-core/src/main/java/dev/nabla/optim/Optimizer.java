package dev.nabla.optim;

import dev.nabla.autograd.Parameters;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Updates a list of parameters from their gradients; owns whatever state the update rule needs. That state lives
 * in named slots (PyTorch's names: {@code exp_avg}, {@code momentum_buffer}, {@code step}, …), one tensor per
 * parameter, so that {@link #stateDict()} can hand it to a checkpoint keyed {@code <parameter>.<slot>}. An
 * optimiser whose state is global (L-BFGS) keeps it under the first parameter, as PyTorch does.
 */
public abstract class Optimizer {
    private final List<Variable> parameters;
    private final List<String> names;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private double learningRate;

    /**
     * One kind of state: per parameter with the parameter's shape and dtype, or with a {@code fixed} float64 shape
     * ({@code [1]} for a step count); {@code global} state exists for the first parameter only.
     */
    private record Slot(Tensor[] tensors, int[] fixed, boolean global) {
        int[] shape(Variable p) {
            return fixed != null ? fixed : p.data().shape();
        }

        DType dtype(Variable p) {
            return fixed != null ? DType.F64 : p.data().dtype();
        }
    }

    protected Optimizer(List<Variable> parameters, double learningRate) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs at least one parameter");
        }
        for (Variable p : parameters) {
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException("an optimiser updates parameters; got a value without gradient: " + p);
            }
        }
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Variable p : parameters) {
            if (!seen.add(p)) {
                throw new IllegalArgumentException("parameter listed twice (it would be updated twice): " + p);
            }
        }
        this.parameters = List.copyOf(parameters);
        this.names = Parameters.namesOf(parameters);
        this.learningRate = requirePositive("learning rate", learningRate);
    }

    /**
     * Declares a state slot called {@code name} (or returns it when declared already); returns its per-parameter
     * array (index = parameter index), whose entries stay null until the update rule creates them with
     * {@link #zerosLike} or {@link #counter}. {@code scalar} slots hold one float64 number per parameter.
     */
    protected final Tensor[] slot(String name, boolean scalar) {
        return declare(name, scalar ? new int[] {1} : null, false);
    }

    /**
     * Declares a slot of global state: one float64 tensor of {@code shape}, kept (as PyTorch keeps L-BFGS's state)
     * under the first parameter, at index 0 of the returned array.
     */
    protected final Tensor[] globalSlot(String name, int... shape) {
        return declare(name, shape.clone(), true);
    }

    /** Forgets slot {@code name} and its tensors (an option that needed it was switched off). */
    protected final void dropSlot(String name) {
        slots.remove(name);
    }

    private Tensor[] declare(String name, int[] fixed, boolean global) {
        Slot existing = slots.get(name);
        if (existing != null && Arrays.equals(existing.fixed(), fixed) && existing.global() == global) {
            return existing.tensors();
        }
        Slot slot = new Slot(new Tensor[parameters.size()], fixed, global);
        slots.put(name, slot);
        return slot.tensors();
    }

    /** Zeros of parameter {@code p}'s shape and dtype, for a state slot. */
    protected static Tensor zerosLike(Variable p) {
        return Tensor.zeros(p.data().dtype(), p.data().shape());
    }

    /** A one-element float64 counter (exact up to 2⁵³ steps), for a scalar slot. */
    protected static Tensor counter() {
        return Tensor.zeros(DType.F64, 1);
    }

    /** The step size η. */
    public final double learningRate() {
        return learningRate;
    }

    /** Changes the learning rate from the next step on (for schedules, which may anneal it to 0). */
    public final void learningRate(double value) {
        this.learningRate = requireNonNegative("learning rate", value);
    }

    /** The parameters this optimiser updates. */
    public final List<Variable> parameters() {
        return parameters;
    }

    /** Applies one update from the current gradients; parameters without a gradient yet are skipped. */
    public void step() {
        for (int i = 0; i < parameters.size(); i++) {
            Variable p = parameters.get(i);
            if (p.grad() != null) {
                update(i, p);
            }
        }
    }

    /**
     * The update rule for parameter {@code p}, the {@code i}-th, which has a gradient; its state is entry {@code i}
     * of each slot. An optimiser that updates all parameters together overrides {@link #step()} instead.
     */
    protected void update(int i, Variable p) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " updates all parameters together");
    }

    /**
     * Re-evaluates the loss at the current parameters and leaves its gradient in them; an optimiser that searches
     * along a line (L-BFGS) calls it several times per step.
     */
    @FunctionalInterface
    public interface Closure {
        double evaluate();
    }

    /**
     * One update for which the optimiser may re-evaluate the loss; returns the loss before the update. The default
     * evaluates once and calls {@link #step()}.
     */
    public double step(Closure closure) {
        double loss = closure.evaluate();
        step();
        return loss;
    }

    /**
     * Whether this optimiser re-evaluates the loss within a step and so needs the same rows at every evaluation:
     * the trainer then hands it the whole training set as one batch (L-BFGS; false for the others).
     */
    public boolean fullBatch() {
        return false;
    }

    /** Sets every parameter's gradient to zero. */
    public final void zeroGrad() {
        for (Variable p : parameters) {
            p.zeroGrad();
        }
    }

    /**
     * The update rule's state, keyed {@code <parameter name>.<slot>} (e.g. {@code 0.weight.exp_avg}); parameter
     * names are those of {@code model.parameters()}, or positions "0", "1", … for a plain list. Live tensors, not
     * copies; a parameter that has not been stepped yet has no entries.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            for (Map.Entry<String, Slot> s : slots.entrySet()) {
                Tensor t = s.getValue().tensors()[i];
                if (t != null) {
                    out.put(names.get(i) + "." + s.getKey(), t);
                }
            }
        }
        return out;
    }

    /**
     * Replaces the state with copies of {@code state}'s tensors (as {@link #stateDict()} wrote them). A parameter has
     * either all of its slots or none.
     *
     * @throws IllegalArgumentException naming the first unknown key, missing slot or wrong shape; the state is
     *                                  unchanged then
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> remaining = new LinkedHashMap<>(state);
        Tensor[][] loaded = new Tensor[slots.size()][parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            Variable p = parameters.get(i);
            int k = -1;
            int present = 0;
            String firstMissing = null;
            for (Map.Entry<String, Slot> s : slots.entrySet()) {
                k++;
                Slot slot = s.getValue();
                if (slot.global() && i > 0) {
                    continue;
                }
                String key = names.get(i) + "." + s.getKey();
                Tensor t = remaining.remove(key);
                if (t == null) {
                    firstMissing = firstMissing == null ? key : firstMissing;
                    continue;
                }
                if (!Arrays.equals(t.shape(), slot.shape(p))) {
                    throw new IllegalArgumentException("optimizer state \"" + key + "\" has shape " + t.shapeString()
                            + ", expected " + Arrays.toString(slot.shape(p)));
                }
                loaded[k][i] = t.to(slot.dtype(p)).copy();
                present++;
            }
            if (present > 0 && firstMissing != null) {
                throw new IllegalArgumentException("optimizer state \"" + firstMissing + "\" is missing");
            }
        }
        if (!remaining.isEmpty()) {
            throw new IllegalArgumentException("optimizer state " + remaining.keySet() + " belongs to no parameter of "
                    + getClass().getSimpleName() + " (slots " + slots.keySet() + ")");
        }
        int k = 0;
        for (Slot s : slots.values()) {
            System.arraycopy(loaded[k++], 0, s.tensors(), 0, parameters.size());
        }
    }

    static double requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
        return value;
    }

    static double requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
        }
        return value;
    }
}
