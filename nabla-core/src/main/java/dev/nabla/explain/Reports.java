package dev.nabla.explain;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An {@link Explanation} as plain Unicode text, Markdown (with the equations in LaTeX) or a LaTeX document. */
public final class Reports {
    /** The output formats. */
    public enum Format {
        TEXT, MARKDOWN, LATEX;

        /** The format called {@code id} ({@code text}, {@code markdown}, {@code latex}), case-insensitive. */
        public static Format fromId(String id) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(id) || (f == MARKDOWN && id.equalsIgnoreCase("md"))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown format '" + id + "'; expected text, markdown or latex");
        }
    }

    static final String BACKWARD_HEADING = "backward pass, in the order backward() runs it";

    private Reports() {
    }

    /**
     * The explanation in {@code format}; {@code values} adds the batch, the parameters and every line's value;
     * {@code graph} (Markdown only, may be null) is the path of the graph's picture to show.
     */
    public static String write(Explanation e, Format format, boolean values, String graph) {
        return switch (format) {
            case TEXT -> text(e, values);
            case MARKDOWN -> Markdown.write(e, values, graph);
            case LATEX -> Latex.write(e, values);
        };
    }

    static String text(Explanation e, boolean values) {
        StringBuilder sb = new StringBuilder();
        if (!e.title().isEmpty()) {
            sb.append(e.title()).append('\n').append("=".repeat(MathText.width(e.title()))).append("\n\n");
        }
        header(e).forEach(l -> sb.append(l).append('\n'));
        sb.append('\n').append("parameters (state dict)\n");
        parameterTable(e).forEach(l -> sb.append("  ").append(l).append('\n'));
        if (values) {
            sb.append('\n').append("values of one pass, N = ").append(e.rows()).append('\n');
            for (Term t : e.terms()) {
                if (t.kind() == Term.Kind.INPUT || t.kind() == Term.Kind.TARGET || t.kind() == Term.Kind.PARAMETER) {
                    matrix(sb, t.symbol() + " =", t.value());
                }
            }
        }
        for (Equation.Section s : Equation.Section.values()) {
            sb.append('\n').append(heading(s)).append('\n');
            List<Equation> lines = e.section(s);
            int width = lines.stream().mapToInt(q -> MathText.width(q.text())).max().orElse(0);
            int shapeWidth = lines.stream().mapToInt(q -> MathText.width(q.lhs().shape())).max().orElse(0);
            for (int i = 0; i < lines.size(); i++) {
                Equation q = lines.get(i);
                StringBuilder line = new StringBuilder("  ").append(MathText.pad(q.text(), width)).append("   ")
                        .append(MathText.pad(q.lhs().shape(), shapeWidth));
                String mark = s == Equation.Section.FORWARD ? fusedMark(lines, i) : "";
                line.append(mark.isEmpty() ? "" : "  " + mark);
                if (q.note() != null) {
                    line.append("  ← ").append(q.note());
                }
                sb.append(line.toString().stripTrailing()).append('\n');
                if (values && isLastFor(lines, i) && q.value() != null) {
                    for (String row : Matrices.lines(q.value())) {
                        sb.append("      ").append(row).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    static String heading(Equation.Section s) {
        return switch (s) {
            case FORWARD -> "forward pass";
            case LOSS -> "loss";
            case BACKWARD -> BACKWARD_HEADING;
        };
    }

    static List<String> header(Explanation e) {
        return List.of("network   " + e.network(), "loss      " + e.loss(), "batch     N rows (N = " + e.rows() + " here)");
    }

    /** Symbol, state-dict name, shape and count of each parameter, then the total and any buffers. */
    static List<String> parameterTable(Explanation e) {
        List<String[]> rows = new ArrayList<>();
        long total = 0;
        for (Term t : e.parameters()) {
            rows.add(new String[] {t.symbol(), t.stateName(), t.shape(), Long.toString(t.value().size())});
            total += t.value().size();
        }
        e.buffers().forEach((name, b) -> rows.add(new String[] {"", name, b.shapeString(), "buffer"}));
        int[] w = new int[4];
        for (String[] r : rows) {
            for (int k = 0; k < 4; k++) {
                w[k] = Math.max(w[k], MathText.width(r[k]));
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            out.add(MathText.pad(r[0], w[0]) + "  " + MathText.pad(r[1], w[1]) + "  " + MathText.pad(r[2], w[2]) + "  "
                    + " ".repeat(w[3] - r[3].length()) + r[3]);
        }
        out.add("total " + total + " parameters");
        return out;
    }

    /**
     * The bracket that joins the lines of one fused op: {@code ┐ one fused op}, {@code │}, {@code ┘}, or empty for a
     * line that is a node of its own.
     */
    static String fusedMark(List<Equation> lines, int i) {
        int node = lines.get(i).node();
        boolean before = i > 0 && lines.get(i - 1).node() == node;
        boolean after = i + 1 < lines.size() && lines.get(i + 1).node() == node;
        if (!before && !after) {
            return "";
        }
        return !before ? "┐ one fused op" : after ? "│" : "┘";
    }

    /** Whether line i is the last that adds into its gradient (or defines its value), so its value is final. */
    static boolean isLastFor(List<Equation> lines, int i) {
        for (int j = i + 1; j < lines.size(); j++) {
            if (lines.get(j).lhs() == lines.get(i).lhs()) {
                return false;
            }
        }
        return true;
    }

    static void matrix(StringBuilder sb, String label, Tensor value) {
        sb.append("  ").append(label).append('\n');
        for (String row : Matrices.lines(value)) {
            sb.append("      ").append(row).append('\n');
        }
    }

    /** A shape for LaTeX: {@code N×3} → {@code N \times 3}. */
    static String latexShape(String shape) {
        return shape.replace("×", " \\times ");
    }

    static String lower(Equation.Section s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
