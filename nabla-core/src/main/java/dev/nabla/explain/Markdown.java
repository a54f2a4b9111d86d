package dev.nabla.explain;

import java.util.List;

/** An explanation as Markdown: tables of equations in LaTeX (GitHub renders {@code $…$}), shapes and notes. */
final class Markdown {
    private Markdown() {
    }

    static String write(Explanation e, boolean values, String graph) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(e.title().isEmpty() ? "The equations of " + e.network() : e.title()).append("\n\n");
        for (String line : Reports.header(e)) {
            sb.append("    ").append(line).append('\n');
        }
        sb.append('\n');
        if (graph != null) {
            sb.append("![The computational graph of one forward pass](").append(graph).append(")\n\n");
        }
        sb.append("## Parameters (state dict)\n\n| symbol | state dict | shape | parameters |\n|---|---|---|--:|\n");
        long total = 0;
        for (Term t : e.parameters()) {
            sb.append("| $").append(MathText.latexSymbol(t.symbol())).append("$ | `").append(t.stateName()).append("` | ")
                    .append(t.shape()).append(" | ").append(t.value().size()).append(" |\n");
            total += t.value().size();
        }
        e.buffers().forEach((name, b) -> sb.append("| | `").append(name).append("` | ").append(b.shapeString())
                .append(" | buffer |\n"));
        sb.append("| | | total | ").append(total).append(" |\n");
        for (Equation.Section s : Equation.Section.values()) {
            String heading = Reports.heading(s).replace("backward()", "`backward()`");
            sb.append("\n## ").append(Character.toUpperCase(heading.charAt(0))).append(heading.substring(1)).append("\n\n");
            sb.append("| | equation | shape | |\n|--:|---|---|---|\n");
            List<Equation> lines = e.section(s);
            for (int i = 0; i < lines.size(); i++) {
                Equation q = lines.get(i);
                String mark = s == Equation.Section.FORWARD ? Reports.fusedMark(lines, i) : "";
                String remark = (mark.startsWith("┐") ? "one fused op with the next line" : mark.isEmpty() ? "" : "↑ fused")
                        + (q.note() == null ? "" : (mark.startsWith("┐") ? "; " : "") + "**Note:** " + q.note());
                sb.append("| ").append(i + 1).append(" | $").append(q.latex()).append("$ | $")
                        .append(Reports.latexShape(q.lhs().shape())).append("$ | ").append(remark.replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        if (values) {
            sb.append("\n## Values of one pass\n\n```text\n");
            String text = Reports.text(e, true);
            sb.append(text, text.indexOf("values of one pass"), text.length()).append("```\n");
        }
        return sb.toString();
    }
}
