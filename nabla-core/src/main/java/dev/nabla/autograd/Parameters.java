package dev.nabla.autograd;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A list of parameters that also knows their state-dict names ({@code 0.weight}, …), so that an optimiser built
 * from {@code model.parameters()} can key its own state by those names. Immutable.
 */
public final class Parameters extends AbstractList<Variable> implements RandomAccess {
    private final List<String> names;
    private final List<Variable> values;

    /** The parameters of {@code named}, in its order. */
    public Parameters(Map<String, Variable> named) {
        this.names = List.copyOf(named.keySet());
        this.values = List.copyOf(named.values());
    }

    /** Names of a plain list: "0", "1", … by position (PyTorch's optimisers key their state the same way). */
    public static List<String> namesOf(List<Variable> parameters) {
        if (parameters instanceof Parameters p) {
            return p.names;
        }
        List<String> out = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    /** The name of parameter {@code i}. */
    public String name(int i) {
        return names.get(i);
    }

    @Override
    public Variable get(int index) {
        return values.get(index);
    }

    @Override
    public int size() {
        return values.size();
    }
}
