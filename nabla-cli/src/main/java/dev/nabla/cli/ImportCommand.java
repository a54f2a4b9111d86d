package dev.nabla.cli;

import dev.nabla.io.TorchImport;
import dev.nabla.nn.ModelSpec;
import dev.nabla.train.TrainedModel;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nabla import}: a network trained in PyTorch (its state dict as safetensors) as a Nabla model file. */
@Command(name = "import", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Makes a model file of a torch.nn.Sequential trained in PyTorch and saved with "
                + "safetensors.torch.save_file(model.state_dict(), FILE).",
                "Describe the network with --layers or --model-spec as for 'nabla train' (its last linear layer "
                        + "gets one output per class, or one); every tensor's name and shape must match. The model "
                        + "takes its features unscaled and predicts as the network followed by a softmax (classes), "
                        + "a sigmoid (two classes, one output) or nothing (--regression)."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--weights", paramLabel = "FILE", required = true,
            description = "The state dict, as safetensors.torch.save_file writes it.")
    Path weights;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Architecture architecture;

    static final class Architecture {
        @Option(names = "--layers", paramLabel = "SPEC", description = "Hidden layers, e.g. 64:relu,32:tanh.")
        String layers;

        @Option(names = "--model-spec", paramLabel = "FILE", description = "A JSON network spec (see examples/specs).")
        Path modelSpec;
    }

    @Option(names = "--inputs", paramLabel = "F", description = "Input features (default: as many as --features names).")
    Integer inputs;

    @Option(names = "--features", paramLabel = "NAMES", split = ",",
            description = "The input columns in order, comma separated (default: x0, x1, …).")
    List<String> features;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--classes", paramLabel = "NAMES", split = ",",
                description = "The classes in the order of the network's outputs, comma separated.")
        List<String> classes;

        @Option(names = "--regression", description = "The network predicts one number.")
        boolean regression;
    }

    @Option(names = "--target", paramLabel = "NAME", defaultValue = "target",
            description = "The name of the predicted column (default: ${DEFAULT-VALUE}).")
    String targetName;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The model file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Checks checks = new Checks(spec.commandLine());
        List<String> names = featureNames(checks);
        List<String> classes = target.regression ? List.of() : target.classes;
        if (!target.regression && (classes.size() < 2 || new HashSet<>(classes).size() != classes.size())) {
            checks.fail("--classes needs at least two distinct names, got " + String.join(",", classes));
        }
        new Outputs(checks).input("--weights", weights).file("--out", out).check();
        int d = names.size();
        // The architecture is checked before the weights are read; its outputs come from the weights.
        checks.network(architecture.modelSpec, architecture.layers, d, 1);
        IntFunction<ModelSpec> network = outputs -> {
            try {
                return checks.network(architecture.modelSpec, architecture.layers, d, outputs);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        TrainedModel m = TorchImport.read(weights, network, names, classes, targetName);
        Models.save(out, m);
        spec.commandLine().getErr().println("nabla: " + m.network().stateDict().size() + " tensors ("
                + m.network().parameterCount() + " parameters) of " + weights + " loaded into " + m.spec().layers().size()
                + " layers; " + (classes.isEmpty() ? "regression" : classes.size() + " classes, "
                + m.objective().id()) + "; model saved to " + out);
        return Errors.OK;
    }

    private List<String> featureNames(Checks checks) {
        if (features != null && inputs != null && features.size() != inputs) {
            checks.fail("--features names " + features.size() + " columns but --inputs is " + inputs);
        }
        if (features != null) {
            return List.copyOf(features);
        }
        if (inputs == null) {
            checks.fail("give --inputs F or --features NAMES");
        }
        checks.positive("--inputs", inputs);
        return IntStream.range(0, inputs).mapToObj(j -> "x" + j).toList();
    }
}
