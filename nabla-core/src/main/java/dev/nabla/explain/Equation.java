package dev.nabla.explain;

/**
 * One line of an explanation: {@code lhs = …} (or {@code lhs += …} when an op adds a second share into a gradient).
 *
 * @param section  forward pass, loss or backward pass
 * @param lhs      the tensor the line defines (for a backward line, the one whose gradient it defines)
 * @param text     the equation in Unicode
 * @param latex    the equation in LaTeX
 * @param node     the graph node the line belongs to, counted in forward order; several lines of one node are
 *                 computed together (a fused op)
 * @param note     a note printed next to it, or null
 */
public record Equation(Section section, Term lhs, String text, String latex, int node, String note) {
    /** Where a line belongs. */
    public enum Section { FORWARD, LOSS, BACKWARD }

    /** Whether the line defines a gradient. */
    public boolean isGradient() {
        return section == Section.BACKWARD;
    }

    /** The line's value: the gradient for a backward line, else the value (null when the pass keeps none). */
    public dev.nabla.tensor.Tensor value() {
        return isGradient() ? lhs.grad() : lhs.value();
    }

    Equation withNote(String text) {
        return new Equation(section, lhs, this.text, latex, node, text);
    }
}
