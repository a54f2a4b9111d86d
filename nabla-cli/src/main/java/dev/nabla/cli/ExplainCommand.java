package dev.nabla.cli;

import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.explain.Explanation;
import dev.nabla.explain.GraphDot;
import dev.nabla.explain.GraphSvg;
import dev.nabla.explain.Notation;
import dev.nabla.explain.Reports;
import dev.nabla.io.AtomicFiles;
import dev.nabla.io.NotationJson;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import dev.nabla.train.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nabla explain}: a network's forward and backward equations in the seeds' notation, as its ops declare them,
 * its computational graph, and the numbers of one training step on a small batch.
 */
@Command(name = "explain", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Writes a network's forward equations, its loss and its backward equations in the order",
                "backward() runs them, with the shape of every tensor and the state-dict name of every parameter;",
                "draws its computational graph (--graph) and prints every value of one pass (--values)."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    static final class Source {
        @Option(names = "--model", paramLabel = "FILE", description = "A model file written by 'nabla train --out'.")
        Path model;

        @Option(names = "--model-spec", paramLabel = "FILE", description = "A JSON network spec (see examples/specs).")
        Path modelSpec;

        @Option(names = "--layers", paramLabel = "UNITS:ACT,...",
                description = "Hidden layers, e.g. 3:tanh (default: 3:tanh, the UMONS network).")
        String layers;
    }

    @Option(names = "--inputs", paramLabel = "N", defaultValue = "2",
            description = "Input features, unless the spec or model gives them (default: ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--outputs", paramLabel = "N", defaultValue = "1",
            description = "Outputs of the last layer, unless the spec or model gives them (default: ${DEFAULT-VALUE}).")
    int outputs;

    @Option(names = "--loss", paramLabel = "LOSS",
            description = "cross_entropy, binary_cross_entropy or mse (default: the model's; binary_cross_entropy for one output, cross_entropy for more).")
    String loss;

    @Option(names = "--notation", paramLabel = "FILE",
            description = "A JSON file renaming the symbols and adding notes (see examples/specs/*.notation.json).")
    Path notation;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (Unicode), markdown (equations in LaTeX) or latex (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the explanation here instead of to stdout.")
    Path out;

    @Option(names = "--graph", paramLabel = "FILE",
            description = "Draw the computational graph of one forward pass: .svg (drawn by Nabla) or .dot (Graphviz).")
    Path graph;

    @Option(names = "--values", description = "Print the batch, the parameters and every value and gradient of one pass.")
    boolean values;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "4",
            description = "Rows of the random batch (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--x", paramLabel = "ROWS", description = "Given input rows instead of random ones, e.g. \"1,2; 0.5,-1\".")
    String x;

    @Option(names = "--y", paramLabel = "TARGETS",
            description = "Targets of the --x rows, e.g. \"1; 0\": class labels, 0/1, or numbers (rows of them for several outputs).")
    String y;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the weights of a spec and of the random rows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Checks checks = new Checks(spec.commandLine());
        checks.positive("--inputs", inputs);
        checks.positive("--outputs", outputs);
        checks.positive("--rows", rows);
        Reports.Format form = checks.option("--format", () -> Reports.Format.fromId(format));
        Path dotOrSvg = graph;
        if (dotOrSvg != null && !(dotOrSvg.toString().endsWith(".svg") || dotOrSvg.toString().endsWith(".dot"))) {
            checks.fail("--graph " + dotOrSvg + ": the file name must end in .svg or .dot");
        }
        if ((x == null) != (y == null)) {
            checks.fail("--x and --y go together: the rows and their targets");
        }
        new Outputs(checks).input("--model", source.model).input("--model-spec", source.modelSpec)
                .input("--notation", notation).file("--out", out).file("--graph", dotOrSvg).check();
        Notation names = notation != null ? NotationJson.read(notation) : Notation.DEFAULT;
        SplittableRandom rng = new SplittableRandom(seed);
        Module network;
        Objective objective;
        int features;
        if (source.model != null) {
            TrainedModel m = Models.load(source.model);
            network = m.network();
            features = m.inputs();
            m.spec().requireTrainable(rows);
            objective = loss != null ? checks.option("--loss", () -> Objective.fromId(loss)) : m.objective();
        } else {
            ModelSpec s = checks.network(source.modelSpec, source.layers != null ? source.layers : "3:tanh", inputs,
                    outputs);
            s.requireTrainable(rows);
            network = s.build(rng);
            features = s.inputs();
            objective = checks.objective(loss, s.outputs(), Objective.BINARY_CROSS_ENTROPY);
        }
        int width = ModelSpec.of(network, features).outputs();
        Batch batch = x != null ? givenRows(checks, features, width, objective)
                : RandomRows.of(objective, rows, features, width, rng);
        Explanation e = checks.option("--notation", () -> Explanation.of(network, features, objective, batch, names));

        if (dotOrSvg != null) {
            String picture = dotOrSvg.toString().endsWith(".svg") ? GraphSvg.write(e) : GraphDot.write(e);
            AtomicFiles.writeString(dotOrSvg, picture);
        }
        // A Markdown explanation shows an SVG graph (relative to where the explanation is written); DOT is no picture.
        String link = dotOrSvg == null || !dotOrSvg.toString().endsWith(".svg") ? null
                : (out != null && out.toAbsolutePath().getParent() != null
                        ? out.toAbsolutePath().getParent().relativize(dotOrSvg.toAbsolutePath()) : dotOrSvg).toString();
        String text = Reports.write(e, form, values, link);
        if (out != null) {
            AtomicFiles.writeString(out, text);
        } else {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(text);
            stdout.flush();
        }
        return Errors.OK;
    }

    /** The rows of --x and the targets of --y, as many as there are rows, fitting the network and the loss. */
    private Batch givenRows(Checks checks, int features, int width, Objective objective) {
        double[][] xs = numbers(checks, "--x", x, features);
        boolean labels = objective == Objective.SOFTMAX_CROSS_ENTROPY || (objective == Objective.MSE && width > 1
                && !y.contains(","));
        double[][] ys = numbers(checks, "--y", y, labels ? 1 : width);
        if (ys.length != xs.length) {
            checks.fail("--y has " + ys.length + " targets for " + xs.length + " rows of --x");
        }
        double[] flat = new double[ys.length * ys[0].length];
        for (int i = 0; i < ys.length; i++) {
            if (labels && (ys[i][0] != Math.rint(ys[i][0]) || ys[i][0] < 0 || ys[i][0] >= width)) {
                checks.fail("--y: target " + (i + 1) + " is " + ys[i][0] + "; expected a class label 0.." + (width - 1));
            }
            System.arraycopy(ys[i], 0, flat, i * ys[i].length, ys[i].length);
        }
        Tensor targets = labels ? Tensor.wrap(flat, ys.length) : Tensor.wrap(flat, ys.length, ys[0].length);
        return Batches.inOrder(Tensor.of(dev.nabla.tensor.DType.F64, xs), targets, xs.length).next();
    }

    /** Rows separated by ';', numbers by ','; each row of {@code columns} numbers. */
    private static double[][] numbers(Checks checks, String option, String text, int columns) {
        String[] rowTexts = text.split(";");
        double[][] out = new double[rowTexts.length][];
        for (int i = 0; i < rowTexts.length; i++) {
            String[] cells = rowTexts[i].trim().split("\\s*,\\s*");
            if (cells.length != columns) {
                checks.fail(option + ": row " + (i + 1) + " has " + cells.length + " numbers, expected " + columns);
            }
            out[i] = new double[columns];
            for (int j = 0; j < columns; j++) {
                try {
                    out[i][j] = Double.parseDouble(cells[j].trim());
                } catch (NumberFormatException e) {
                    checks.fail(option + ": '" + cells[j].trim() + "' in row " + (i + 1) + " is not a number");
                }
                if (!Double.isFinite(out[i][j])) {
                    checks.fail(option + ": " + cells[j].trim() + " in row " + (i + 1) + " is not finite");
                }
            }
        }
        return out;
    }
}
