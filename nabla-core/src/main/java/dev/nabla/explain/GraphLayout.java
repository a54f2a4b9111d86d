package dev.nabla.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The computational graph of an explanation, laid out in layers for drawing, data flowing up: the input at the
 * bottom, the loss at the top. Ops and the tensors between them alternate in layers (the longest path from the input
 * decides a node's layer; the target sits just below the loss); an edge over several layers runs through invisible
 * points, one per layer, so that parallel branches keep their own column; each layer is ordered by the mean position
 * of the nodes below it and spread out without overlap. Parameters are not layered: each sits in its op's layer,
 * right beside it.
 */
final class GraphLayout {
    /** What a node is drawn as. */
    enum Kind { DATA, TARGET, VALUE, LOSS, PARAMETER, OP, POINT }

    static final double ROW = 64;
    static final double GAP = 22;
    static final double CHAR = 7.6;

    /** A box (or, for {@link Kind#POINT}, a bend of an edge) with its centre and size. */
    static final class Node {
        final Kind kind;
        final List<String> lines;
        final int group;
        final int order;
        final double width;
        final double height;
        int rank;
        double x;
        double y;

        Node(Kind kind, List<String> lines, int group, int order) {
            this.kind = kind;
            this.lines = lines;
            this.group = group;
            this.order = order;
            this.width = kind == Kind.POINT ? 2 : 16 + CHAR * lines.stream().mapToInt(MathText::width).max().orElse(0);
            this.height = kind == Kind.POINT ? 0 : kind == Kind.OP ? 26 : 16 + 14 * lines.size();
        }

        double top() {
            return y - height / 2;
        }

        double bottom() {
            return y + height / 2;
        }
    }

    /** An edge as a path of nodes: from, any bend points, to. */
    record Edge(List<Node> path, boolean parameter) {
    }

    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    double width;
    double height;

    /** Lays out the graph of {@code e} on a canvas at least {@code minWidth} wide (the graph centred on it). */
    GraphLayout(Explanation e, double minWidth) {
        Map<Term, Node> tensors = new IdentityHashMap<>();
        List<Node> ops = new ArrayList<>();
        List<int[]> links = new ArrayList<>(); // from, to as indices into nodes, for main (non-parameter) edges
        Map<Node, Node> parameterOf = new IdentityHashMap<>();
        List<Explanation.Step> steps = e.steps();
        for (int i = 0; i < steps.size(); i++) {
            Explanation.Step s = steps.get(i);
            Node op = add(Kind.OP, List.of(s.label()), s.node());
            ops.add(op);
            for (Term t : s.inputs()) {
                Node in = tensors.computeIfAbsent(t, k -> tensor(k, -1));
                if (in.kind == Kind.PARAMETER) {
                    parameterOf.putIfAbsent(in, op);
                    edges.add(new Edge(List.of(in, op), true));
                } else {
                    links.add(new int[] {nodes.indexOf(in), nodes.indexOf(op)});
                }
            }
            boolean inside = i + 1 < steps.size() && steps.get(i + 1).node() == s.node();
            Node out = tensors.computeIfAbsent(s.output(), k -> tensor(k, inside ? s.node() : -1));
            links.add(new int[] {nodes.indexOf(op), nodes.indexOf(out)});
        }
        rank(links, parameterOf);
        List<List<Node>> layers = layers(links);
        place(layers, parameterOf, minWidth);
    }

    private Node add(Kind kind, List<String> lines, int group) {
        Node n = new Node(kind, lines, group, nodes.size());
        nodes.add(n);
        return n;
    }

    /** The node of a tensor; {@code group} is the fused node it is computed inside of, or −1. */
    private Node tensor(Term t, int group) {
        return switch (t.kind()) {
            case PARAMETER -> add(Kind.PARAMETER, List.of(t.symbol() + "  " + t.shape(), t.stateName()), -1);
            case INPUT -> add(Kind.DATA, List.of(t.symbol(), t.shape()), -1);
            case TARGET -> add(Kind.TARGET, List.of(t.symbol(), t.shape()), -1);
            case LOSS -> add(Kind.LOSS, List.of(t.symbol(), "loss"), -1);
            case VALUE -> add(Kind.VALUE, List.of(t.symbol(), t.shape()), group);
        };
    }

    /** Longest path from the sources; the target just below the loss that reads it. */
    private void rank(List<int[]> links, Map<Node, Node> parameterOf) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] l : links) {
                Node from = nodes.get(l[0]);
                Node to = nodes.get(l[1]);
                if (to.rank < from.rank + 1) {
                    to.rank = from.rank + 1;
                    changed = true;
                }
            }
        }
        for (Node n : nodes) {
            if (n.kind == Kind.TARGET) {
                n.rank = links.stream().filter(l -> l[0] == n.order).mapToInt(l -> nodes.get(l[1]).rank).min().orElse(1) - 1;
            }
        }
        parameterOf.forEach((p, op) -> p.rank = op.rank);
    }

    /** The main nodes by layer, long edges broken into points, in first-seen order. */
    private List<List<Node>> layers(List<int[]> links) {
        int top = nodes.stream().mapToInt(n -> n.rank).max().orElse(0);
        List<List<Node>> layers = new ArrayList<>();
        for (int r = 0; r <= top; r++) {
            layers.add(new ArrayList<>());
        }
        for (Node n : List.copyOf(nodes)) {
            if (n.kind != Kind.PARAMETER) {
                layers.get(n.rank).add(n);
            }
        }
        for (int[] l : links) {
            List<Node> path = new ArrayList<>(List.of(nodes.get(l[0])));
            for (int r = nodes.get(l[0]).rank + 1; r < nodes.get(l[1]).rank; r++) {
                Node point = add(Kind.POINT, List.of(), -1);
                point.rank = r;
                layers.get(r).add(point);
                path.add(point);
            }
            path.add(nodes.get(l[1]));
            edges.add(new Edge(path, false));
        }
        return layers;
    }

    /** Orders each layer by the mean x of the nodes below it, then spreads it out without overlap. */
    private void place(List<List<Node>> layers, Map<Node, Node> parameterOf, double minWidth) {
        Map<Node, List<Node>> below = new HashMap<>();
        for (Edge edge : edges) {
            for (int i = 1; i < edge.path().size() && !edge.parameter(); i++) {
                below.computeIfAbsent(edge.path().get(i), k -> new ArrayList<>()).add(edge.path().get(i - 1));
            }
        }
        Map<Node, List<Node>> parametersOf = new IdentityHashMap<>();
        parameterOf.forEach((p, op) -> parametersOf.computeIfAbsent(op, k -> new ArrayList<>()).add(p));
        parametersOf.values().forEach(l -> l.sort(Comparator.comparingInt(n -> n.order)));
        double left = Double.MAX_VALUE;
        double right = -Double.MAX_VALUE;
        for (int r = 0; r < layers.size(); r++) {
            List<Node> layer = layers.get(r);
            Map<Node, Double> wanted = new IdentityHashMap<>();
            for (int i = 0; i < layer.size(); i++) {
                Node n = layer.get(i);
                List<Node> from = below.getOrDefault(n, List.of());
                wanted.put(n, from.isEmpty() ? i * 120.0 : from.stream().mapToDouble(m -> m.x).average().orElse(0));
            }
            layer.sort(Comparator.comparingDouble((Node n) -> wanted.get(n)).thenComparingInt(n -> n.order));
            List<Node> row = new ArrayList<>();
            for (Node n : layer) {
                row.add(n);
                double at = wanted.get(n) + n.width / 2;
                for (Node p : parametersOf.getOrDefault(n, List.of())) {
                    at += GAP + p.width / 2;
                    wanted.put(p, at);
                    at += p.width / 2;
                    row.add(p);
                }
            }
            double shift = 0;
            for (int i = 0; i < row.size(); i++) {
                Node n = row.get(i);
                n.x = wanted.get(n);
                if (i > 0) {
                    Node prev = row.get(i - 1);
                    n.x = Math.max(n.x, prev.x + (prev.width + n.width) / 2 + GAP);
                }
                shift += wanted.get(n) - n.x;
            }
            for (Node n : row) {
                n.x += shift / row.size();
                n.y = r;
                left = Math.min(left, n.x - n.width / 2);
                right = Math.max(right, n.x + n.width / 2);
            }
        }
        double margin = 20;
        double titleSpace = 56;
        int top = layers.size() - 1;
        width = Math.max(minWidth, right - left + 2 * margin);
        double centre = (width - (right - left)) / 2;
        for (Node n : nodes) {
            n.x += centre - left;
            n.y = titleSpace + margin + (top - n.y) * ROW + 20;
        }
        height = titleSpace + 2 * margin + top * ROW + 40;
    }
}
