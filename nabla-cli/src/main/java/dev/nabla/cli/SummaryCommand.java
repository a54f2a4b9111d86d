package dev.nabla.cli;

import dev.nabla.io.ModelSpecJson;
import dev.nabla.nn.Module;
import dev.nabla.nn.ModelSpec;
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

/** {@code nabla summary}: a model's (or a spec's) layers, output shapes and parameter count. */
@Command(name = "summary", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Prints the layers of a model file or a network spec, their output shapes and the parameter count.")
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", paramLabel = "FILE", description = "A model file written by 'nabla train --out'.")
        Path model;

        @Option(names = "--model-spec", paramLabel = "FILE", description = "A JSON network spec (see examples/specs).")
        Path modelSpec;
    }

    @Option(names = "--inputs", paramLabel = "N", defaultValue = "64",
            description = "With --model-spec: input features, unless the spec gives them (default: ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--outputs", paramLabel = "N", defaultValue = "10",
            description = "With --model-spec: outputs of the last layer, unless the spec gives them (default: ${DEFAULT-VALUE}).")
    int outputs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (source.model != null) {
            TrainedModel m = Models.load(source.model);
            out.println("model     " + source.model);
            out.println("task      " + m.task().id() + (m.classNames().isEmpty() ? "" : ", " + m.classNames().size()
                    + " classes: " + String.join(", ", m.classNames())));
            out.println("target    " + m.targetName());
            out.println("loss      " + m.objective().id());
            out.println("scaling   " + m.scaling().kind().id());
            if (m.classNames().size() == 2) {
                out.println("threshold " + m.threshold());
            }
            out.println("inputs    " + m.pipeline().columns().size() + " columns → " + m.inputs() + " encoded inputs");
            out.println();
            out.println("pipeline");
            m.pipeline().describe().forEach(line -> out.println("  " + line));
            out.println();
            out.print(m.network().summary(m.inputs()));
            if (!m.provenance().isEmpty()) {
                out.println();
                out.println("provenance");
                m.provenance().forEach((k, v) -> out.println("  " + k + " = " + v));
            }
        } else {
            Checks checks = new Checks(spec.commandLine());
            checks.positive("--inputs", inputs);
            checks.positive("--outputs", outputs);
            ModelSpec s = ModelSpecJson.read(source.modelSpec, inputs, outputs);
            s.requireBuildable();
            Module network = s.build(new SplittableRandom(0));
            out.println("spec      " + source.modelSpec);
            out.println("inputs    " + s.inputs() + " features");
            out.println();
            out.print(network.summary(s.inputs()));
        }
        out.flush();
        return Errors.OK;
    }
}
