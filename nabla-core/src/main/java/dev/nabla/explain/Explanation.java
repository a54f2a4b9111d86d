package dev.nabla.explain;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.nn.Module;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A network's forward and backward equations as its ops declare them ({@link dev.nabla.autograd.Formula}), in the
 * order one training step computes them, with a symbol, shape and state-dict name for every tensor and the values of
 * one pass over a small batch. {@link Reports} writes it as text, Markdown or LaTeX, {@link GraphSvg} and
 * {@link GraphDot} draw its computational graph.
 */
public final class Explanation {
    /**
     * One computation of the forward pass, a node of the computational graph: {@code output = label(inputs)}.
     *
     * @param label  what it computes, e.g. {@code X·Uᵀ + 1·bᵀ}, or the op's name when that is long
     * @param inputs the tensors it reads
     * @param output the tensor it defines
     * @param node   the graph node of the training step it belongs to (a fused op computes several steps)
     */
    public record Step(String label, List<Term> inputs, Term output, int node) {
    }

    private final String title;
    private final String network;
    private final String loss;
    private final int rows;
    private final List<Term> terms;
    private final List<Equation> equations;
    private final List<Step> steps;
    private final Map<String, Tensor> buffers;

    Explanation(String title, String network, String loss, int rows, List<Term> terms, List<Equation> equations,
            List<Step> steps, Map<String, Tensor> buffers) {
        this.title = title;
        this.network = network;
        this.loss = loss;
        this.rows = rows;
        this.terms = List.copyOf(terms);
        this.equations = List.copyOf(equations);
        this.steps = List.copyOf(steps);
        this.buffers = Map.copyOf(buffers);
    }

    /**
     * Runs one forward and backward pass of {@code network} in float64 on {@code batch} with the loss of
     * {@code objective}, and explains it in {@code notation}. The network is converted to float64; its gradients are
     * left holding this pass's.
     *
     * @param inputs the number of input features (for the description of the layers)
     * @throws IllegalArgumentException when the notation renames a symbol, or annotates an equation, that the network
     *                                  does not have
     */
    public static Explanation of(Module network, int inputs, Objective objective, Batch batch, Notation notation) {
        return of(network, inputs, objective.id(), objective::loss, batch, notation);
    }

    /** As {@link #of(Module, int, Objective, Batch, Notation)}, with any loss of the outputs and the batch. */
    public static Explanation of(Module network, int inputs, String lossName, BiFunction<Variable, Batch, Variable> loss,
            Batch batch, Notation notation) {
        return new Tracer(network, inputs, lossName, loss, batch, notation).explain();
    }

    /** The notation's title, or empty. */
    public String title() {
        return title;
    }

    /** The layers in one line, e.g. {@code 2 → Linear(2 → 3) → Tanh → Linear(3 → 1)}. */
    public String network() {
        return network;
    }

    /** The loss's name, e.g. {@code binary_cross_entropy}. */
    public String loss() {
        return loss;
    }

    /** Rows of the explained batch: the N of the shapes. */
    public int rows() {
        return rows;
    }

    /** Every tensor: the input, the parameters in state-dict order, the values in forward order, the target, the loss. */
    public List<Term> terms() {
        return terms;
    }

    /** The parameters, in state-dict order. */
    public List<Term> parameters() {
        return terms.stream().filter(t -> t.kind() == Term.Kind.PARAMETER).toList();
    }

    /** Buffers of the state dict (saved, not trained), by name. */
    public Map<String, Tensor> buffers() {
        return buffers;
    }

    /** Forward, loss and backward lines, in the order the training step computes them. */
    public List<Equation> equations() {
        return equations;
    }

    /** The lines of one section. */
    public List<Equation> section(Equation.Section section) {
        return equations.stream().filter(e -> e.section() == section).toList();
    }

    /** The forward computations, in order: the nodes of the computational graph. */
    public List<Step> steps() {
        return steps;
    }

    /** The term whose symbol is {@code symbol}, or null. */
    public Term term(String symbol) {
        return terms.stream().filter(t -> t.symbol().equals(symbol)).findFirst().orElse(null);
    }
}
