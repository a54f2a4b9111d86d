package dev.nabla.autograd;

import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of the computational graph (the UMONS seed's Figure 1): a value, the op that made it and, after
 * {@link #backward()}, the gradient ε̄ = ∂ε/∂(this value) of the scalar that backward started from.
 * Gradients of leaves accumulate across calls until {@link #zeroGrad()}; gradients of intermediate values
 * are kept too (those of the latest backward), so that a reader can compare them with the seeds' H̄, Ḡ, δ.
 */
public final class Variable {
    private static final Variable[] NO_PARENTS = new Variable[0];
    private static final AtomicLong VISIT_EPOCH = new AtomicLong();
    private static final ThreadLocal<ArrayList<Variable>> ORDER = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<ArrayList<Variable>> STACK = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<ArrayList<Integer>> NEXT = ThreadLocal.withInitial(ArrayList::new);

    private final Tensor data;
    private final boolean requiresGrad;
    private final boolean leaf;
    private final Formula formula;
    private final Variable[] parents;
    private final Backward backward;
    private Tensor grad;
    private long visited;

    private static final Formula PARAMETER = Formula.undeclared("parameter");
    private static final Formula CONSTANT = Formula.undeclared("constant");

    private Variable(Tensor data, boolean requiresGrad, boolean leaf, Formula formula, Variable[] parents, Backward backward) {
        this.data = data;
        this.requiresGrad = requiresGrad;
        this.leaf = leaf;
        this.formula = formula;
        this.parents = parents;
        this.backward = backward;
    }

    /** A leaf that requires a gradient: a trainable parameter (its gradient is kept across steps). */
    public static Variable parameter(Tensor data) {
        return new Variable(data, true, true, PARAMETER, NO_PARENTS, null);
    }

    /** A leaf without gradient: inputs, targets, constants. */
    public static Variable constant(Tensor data) {
        return new Variable(data, false, true, CONSTANT, NO_PARENTS, null);
    }

    /**
     * The result of a custom op. It records {@code backward} when gradients are enabled and some input
     * requires a gradient; otherwise it is a constant. {@code backward} must add, not assign, into the
     * inputs' {@link #gradBuffer()}s. The op declares no {@link Formula}; the library's ops use
     * {@link #fromOp(Formula, Tensor, Backward, Variable...)}.
     */
    public static Variable fromOp(String op, Tensor data, Backward backward, Variable... inputs) {
        return fromOp(Formula.undeclared(op), data, backward, inputs);
    }

    /** As {@link #fromOp(String, Tensor, Backward, Variable...)}, for an op that declares its equations. */
    public static Variable fromOp(Formula formula, Tensor data, Backward backward, Variable... inputs) {
        if (!Grad.isEnabled()) {
            return new Variable(data, false, false, formula, NO_PARENTS, null);
        }
        for (Variable in : inputs) {
            if (in.requiresGrad) {
                return new Variable(data, true, false, formula, inputs, backward);
            }
        }
        return new Variable(data, false, false, formula, NO_PARENTS, null);
    }

    /** The value. */
    public Tensor data() {
        return data;
    }

    /** The value of a one-element variable, e.g. a loss. */
    public double item() {
        return data.item();
    }

    /** The accumulated gradient, or null before any backward reached this value. */
    public Tensor grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The name of the op that produced this value ("parameter" and "constant" for leaves). */
    public String op() {
        return formula.op();
    }

    /** The equations of the op that produced this value (undeclared for leaves). */
    public Formula formula() {
        return formula;
    }

    /** The op's inputs, in the order of its formula's roles; empty for leaves and for values that need no gradient. */
    public List<Variable> inputs() {
        return List.of(parents);
    }

    /**
     * The values {@link #backward()} visits from this scalar, in the order it runs their rules: the reverse of a
     * topological order, this value first. Leaves that require a gradient are included; constants are not.
     */
    public List<Variable> backwardOrder() {
        ArrayList<Variable> order = new ArrayList<>();
        topologicalOrder(this, VISIT_EPOCH.incrementAndGet(), order);
        java.util.Collections.reverse(order);
        return order;
    }

    /** The gradient tensor, created as zeros on first use; ops' backward rules add into it. */
    public Tensor gradBuffer() {
        if (grad == null) {
            grad = leaf ? Tensor.zeros(data.dtype(), data.shape()) : Workspace.temporaryLike(data, true);
        }
        return grad;
    }

    /** Sets the gradient to zero (keeping its storage). */
    public void zeroGrad() {
        if (grad != null) {
            grad.fillInPlace(0);
        }
    }

    /**
     * Backpropagation from this scalar: seeds ε̄ = 1, then visits the graph in reverse topological order,
     * each op adding its inputs' shares into their gradients.
     */
    public void backward() {
        if (data.size() != 1) {
            throw new IllegalStateException("backward() starts from a scalar; this value has shape " + data.shapeString());
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward(): this value does not depend on any parameter that requires a gradient");
        }
        ArrayList<Variable> order = ORDER.get();
        order.clear();
        topologicalOrder(this, VISIT_EPOCH.incrementAndGet(), order);
        // Intermediate gradients hold only this pass's share; a previous backward through a shared part of
        // the graph must not flow into the leaves a second time. Leaves keep accumulating.
        for (int i = 0, n = order.size(); i < n; i++) {
            Variable v = order.get(i);
            if (!v.leaf && v.grad != null) {
                v.grad.fillInPlace(0);
            }
        }
        // ε̄ = 1; a leaf root (a scalar parameter) keeps what it had accumulated, like every leaf.
        gradBuffer().set(0, grad.get(0) + 1.0);
        for (int i = order.size() - 1; i >= 0; i--) {
            Variable v = order.get(i);
            if (v.backward != null && v.grad != null) {
                v.backward.apply(v.grad);
            }
        }
        order.clear();
    }

    /** Post-order DFS without recursion, so deep graphs cannot overflow the stack. */
    private static void topologicalOrder(Variable root, long epoch, ArrayList<Variable> order) {
        ArrayList<Variable> stack = STACK.get();
        ArrayList<Integer> next = NEXT.get();
        root.visited = epoch;
        stack.add(root);
        next.add(0);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Variable v = stack.get(top);
            int i = next.get(top);
            if (i < v.parents.length) {
                next.set(top, i + 1);
                Variable p = v.parents[i];
                if (p.requiresGrad && p.visited != epoch) {
                    p.visited = epoch;
                    stack.add(p);
                    next.add(0);
                }
            } else {
                stack.remove(top);
                next.remove(top);
                order.add(v);
            }
        }
    }

    // ---- ops: each forward and its backward rule live in the package-private *Ops classes ----

    /** This · other. */
    public Variable matmul(Variable other) {
        return MatMulOps.matmul(this, false, other, false);
    }

    /** op(this) · op(other), transposing where the flags say, without transposed copies. */
    public Variable matmul(Variable other, boolean transposeThis, boolean transposeOther) {
        return MatMulOps.matmul(this, transposeThis, other, transposeOther);
    }

    /** this + other, same shape, or other a row vector broadcast over the rows (G = XUᵀ + 1bᵀ). */
    public Variable add(Variable other) {
        return PointwiseOps.add(this, other, 1);
    }

    /** this − other, same shape or row broadcast. */
    public Variable sub(Variable other) {
        return PointwiseOps.add(this, other, -1);
    }

    /** this ⊙ other, elementwise. */
    public Variable mul(Variable other) {
        return PointwiseOps.mul(this, other);
    }

    /** α · this. */
    public Variable scale(double alpha) {
        return PointwiseOps.scale(this, alpha);
    }

    /** Σ of all elements, a scalar. */
    public Variable sum() {
        return PointwiseOps.sum(this, 1);
    }

    /** Mean of all elements, a scalar. */
    public Variable mean() {
        return PointwiseOps.sum(this, 1.0 / data.size());
    }

    /** tanh, elementwise. */
    public Variable tanh() {
        return PointwiseOps.activation(this, Activation.TANH, 0);
    }

    /** σ, elementwise. */
    public Variable sigmoid() {
        return PointwiseOps.activation(this, Activation.SIGMOID, 0);
    }

    /** max(0, x), elementwise. */
    public Variable relu() {
        return PointwiseOps.activation(this, Activation.RELU, 0);
    }

    /** max(x, slope·x), elementwise. */
    public Variable leakyRelu(double slope) {
        return PointwiseOps.activation(this, Activation.LEAKY_RELU, slope);
    }

    /** Softmax of each row. */
    public Variable softmax() {
        return RowOps.softmax(this);
    }

    /** Log-softmax of each row. */
    public Variable logSoftmax() {
        return RowOps.logSoftmax(this);
    }

    @Override
    public String toString() {
        return "Variable(" + formula.op() + ", " + data + (requiresGrad ? ", requiresGrad" : "") + ")";
    }
}
