package dev.nabla.nn;

import dev.nabla.autograd.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Y = f₁(X) + f₂(X) + …: parallel branches over one input, summed — the way to build a DAG such as the
 * Mykhalchuk seed's skip connection Z₂ = ReLU(A₂) + W_s·X (branches "0" and "1").
 */
public final class Add extends Module {
    private final Module[] branches;

    public Add(Module... branches) {
        if (branches.length < 2) {
            throw new IllegalArgumentException("Add needs at least two branches, got " + branches.length);
        }
        this.branches = branches.clone();
        for (int i = 0; i < branches.length; i++) {
            registerModule(Integer.toString(i), branches[i]);
        }
    }

    @Override
    public Variable forward(Variable x) {
        Variable y = branches[0].forward(x);
        for (int i = 1; i < branches.length; i++) {
            y = y.add(branches[i].forward(x));
        }
        return y;
    }

    /** Each branch's layers: a {@link Sequential}'s, or the one module. */
    @Override
    public AddSpec spec() {
        List<List<LayerSpec>> out = new ArrayList<>();
        for (Module b : branches) {
            out.add(b instanceof Sequential s ? s.spec().layers() : List.of(b.spec()));
        }
        return new AddSpec(out);
    }
}
