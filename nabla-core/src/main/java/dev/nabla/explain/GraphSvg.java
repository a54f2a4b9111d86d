package dev.nabla.explain;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The computational graph of one forward pass as an SVG picture, drawn by Nabla (no Graphviz): tensors as rounded
 * boxes with their shapes, ops as boxes saying what they compute, parameters (orange, dashed, with their state-dict
 * names) beside the op that reads them, the ops of one fused node framed together, data flowing up to the loss.
 */
public final class GraphSvg {
    private static final Map<GraphLayout.Kind, String[]> STYLE = Map.of(
            GraphLayout.Kind.DATA, new String[] {"#e8f5e9", "#2e7d32", "12", ""},
            GraphLayout.Kind.TARGET, new String[] {"#e8f5e9", "#2e7d32", "12", ""},
            GraphLayout.Kind.VALUE, new String[] {"#e3f2fd", "#1565c0", "12", ""},
            GraphLayout.Kind.LOSS, new String[] {"#fdecea", "#c62828", "12", ""},
            GraphLayout.Kind.PARAMETER, new String[] {"#fff3e0", "#ef6c00", "3", " stroke-dasharray=\"5,3\""},
            GraphLayout.Kind.OP, new String[] {"#f5f5f5", "#616161", "3", ""});

    private GraphSvg() {
    }

    /** The picture as SVG text. */
    public static String write(Explanation e) {
        String heading = e.title().isEmpty() ? "Computational graph: " + e.network() : e.title();
        String first = "One forward pass, data flowing up to the loss (" + e.loss() + ").";
        String second = "Parameters dashed, beside the op that reads them; ops in a dotted frame run as one fused op.";
        double textWidth = 40 + Math.max(9.2 * MathText.width(heading), 6.8 * Math.max(first.length(), second.length()));
        GraphLayout g = new GraphLayout(e, textWidth);
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"13\">%n",
                g.width, g.height, g.width, g.height));
        sb.append("<title>").append(escape(heading)).append("</title>\n");
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#424242\"/>"
                + "</marker></defs>\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(sb, 20, 24, "bold", 15, heading);
        text(sb, 20, 42, "normal", 12, first);
        text(sb, 20, 58, "normal", 12, second);
        frames(sb, g);
        Map<GraphLayout.Node, Double> nearest = new HashMap<>();
        for (GraphLayout.Edge edge : g.edges) {
            if (edge.parameter()) {
                nearest.merge(edge.path().get(1), Math.abs(edge.path().get(0).x - edge.path().get(1).x), Math::min);
            }
        }
        for (GraphLayout.Edge edge : g.edges) {
            edge(sb, edge, nearest);
        }
        for (GraphLayout.Node n : g.nodes) {
            if (n.kind != GraphLayout.Kind.POINT) {
                node(sb, n);
            }
        }
        return sb.append("</svg>\n").toString();
    }

    /** A grey frame around the ops (and the values between them) of each fused node. */
    private static void frames(StringBuilder sb, GraphLayout g) {
        Map<Integer, double[]> boxes = new HashMap<>();
        Map<Integer, Integer> ops = new HashMap<>();
        for (GraphLayout.Node n : g.nodes) {
            if (n.group >= 0) {
                double[] b = boxes.computeIfAbsent(n.group, k -> new double[] {1e9, 1e9, -1e9, -1e9});
                b[0] = Math.min(b[0], n.x - n.width / 2);
                b[1] = Math.min(b[1], n.top());
                b[2] = Math.max(b[2], n.x + n.width / 2);
                b[3] = Math.max(b[3], n.bottom());
                ops.merge(n.group, n.kind == GraphLayout.Kind.OP ? 1 : 0, Integer::sum);
            }
        }
        boxes.forEach((group, b) -> {
            if (ops.get(group) > 1) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" "
                        + "fill=\"#fafafa\" stroke=\"#9e9e9e\" stroke-dasharray=\"2,3\"/>%n",
                        b[0] - 8, b[1] - 8, b[2] - b[0] + 16, b[3] - b[1] + 16));
            }
        });
    }

    /** An edge up the layers through its bend points; a parameter's sideways, arched over any parameter between. */
    private static void edge(StringBuilder sb, GraphLayout.Edge edge, Map<GraphLayout.Node, Double> nearest) {
        List<GraphLayout.Node> path = edge.path();
        StringBuilder d = new StringBuilder();
        if (edge.parameter()) {
            GraphLayout.Node p = path.get(0);
            GraphLayout.Node op = path.get(1);
            double side = p.x > op.x ? -1 : 1;
            double end = op.x - side * op.width / 2;
            if (Math.abs(p.x - op.x) <= nearest.get(op)) {
                d.append(String.format(Locale.ROOT, "M%.1f,%.1f L%.1f,%.1f", p.x + side * p.width / 2, p.y, end, op.y));
            } else {
                d.append(String.format(Locale.ROOT, "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", p.x, p.top(), p.x,
                        p.top() - 26, end - side * 60, op.y - 24, end, op.y - 4));
            }
        } else {
            GraphLayout.Node first = path.get(0);
            d.append(String.format(Locale.ROOT, "M%.1f,%.1f", first.x, first.top()));
            for (int i = 1; i < path.size(); i++) {
                GraphLayout.Node n = path.get(i);
                d.append(String.format(Locale.ROOT, " L%.1f,%.1f", n.x, i == path.size() - 1 ? n.bottom() : n.y));
            }
        }
        sb.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"#424242\" stroke-width=\"1.2\"")
                .append(edge.parameter() ? " stroke-dasharray=\"4,3\"" : "").append(" marker-end=\"url(#arrow)\"/>\n");
    }

    private static void node(StringBuilder sb, GraphLayout.Node n) {
        String[] style = STYLE.get(n.kind);
        sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%s\" "
                + "fill=\"%s\" stroke=\"%s\"%s/>%n", n.x - n.width / 2, n.top(), n.width, n.height, style[2], style[0],
                style[1], style[3]));
        double first = n.y - (n.lines.size() - 1) * 7 + 4.5;
        for (int i = 0; i < n.lines.size(); i++) {
            boolean main = i == 0 && n.kind != GraphLayout.Kind.OP;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"%s>%s</text>%n", n.x,
                    first + 14 * i, main ? " font-weight=\"bold\"" : i > 0 ? " font-size=\"11\" fill=\"#555\"" : "",
                    escape(n.lines.get(i))));
        }
    }

    private static void text(StringBuilder sb, double x, double y, String weight, int size, String text) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" font-weight=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, weight, size, escape(text)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
