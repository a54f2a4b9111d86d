package dev.nabla.train;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Pointwise;
import java.util.List;

/** Checks on the gradients a step left in its parameters. */
final class Gradients {
    private Gradients() {
    }

    /** Whether every gradient element is finite (a parameter without a gradient passes). */
    static boolean finite(List<Variable> parameters) {
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Variable p = parameters.get(i);
            if (p.grad() != null && !Pointwise.allFinite(p.grad())) {
                return false;
            }
        }
        return true;
    }
}
