package dev.nabla.explain;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The computational graph of one forward pass in Graphviz's DOT language, for {@code dot -Tsvg}: the same nodes as
 * {@link GraphSvg}, bottom to top, each parameter on its op's rank.
 */
public final class GraphDot {
    private GraphDot() {
    }

    /** The graph as DOT text. */
    public static String write(Explanation e) {
        StringBuilder sb = new StringBuilder("digraph nabla {\n  rankdir=BT;\n  node [fontname=\"DejaVu Sans\"];\n");
        sb.append("  label=").append(quote(e.title().isEmpty() ? e.network() : e.title())).append(";\n  labelloc=t;\n");
        Map<Term, String> ids = new IdentityHashMap<>();
        int n = 0;
        for (Term t : e.terms()) {
            String id = "t" + n++;
            ids.put(t, id);
            String label = t.symbol() + "\\n" + t.shape() + (t.stateName() != null ? "\\n" + t.stateName() : "");
            String style = switch (t.kind()) {
                case PARAMETER -> "shape=box, style=\"dashed,filled\", fillcolor=\"#fff3e0\"";
                case INPUT, TARGET -> "shape=box, style=\"rounded,filled\", fillcolor=\"#e8f5e9\"";
                case LOSS -> "shape=box, style=\"rounded,filled\", fillcolor=\"#fdecea\"";
                case VALUE -> "shape=box, style=\"rounded,filled\", fillcolor=\"#e3f2fd\"";
            };
            sb.append("  ").append(id).append(" [label=\"").append(escape(label)).append("\", ").append(style).append("];\n");
        }
        int s = 0;
        for (Explanation.Step step : e.steps()) {
            String op = "op" + s++;
            sb.append("  ").append(op).append(" [label=").append(quote(step.label())).append(", shape=box];\n");
            StringBuilder same = new StringBuilder();
            for (Term t : step.inputs()) {
                sb.append("  ").append(ids.get(t)).append(" -> ").append(op)
                        .append(t.kind() == Term.Kind.PARAMETER ? " [style=dashed]" : "").append(";\n");
                if (t.kind() == Term.Kind.PARAMETER) {
                    same.append("; ").append(ids.get(t));
                }
            }
            sb.append("  ").append(op).append(" -> ").append(ids.get(step.output())).append(";\n");
            if (!same.isEmpty()) {
                sb.append("  { rank=same; ").append(op).append(same).append(" }\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    /** Quotes escaped; the labels' own line breaks (backslash n) stay DOT's. */
    private static String escape(String s) {
        return s.replace("\"", "\\\"");
    }
}
