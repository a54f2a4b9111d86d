package dev.nabla.io;

import dev.nabla.data.Task;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.TrainedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A network trained in PyTorch as a Nabla model: the {@code state_dict} of a {@code torch.nn.Sequential}, saved with
 * {@code safetensors.torch.save_file(model.state_dict(), path)}, loaded into the architecture the user describes
 * (whose parameters Nabla names as that Sequential does: {@code 0.weight}, {@code 2.bias}, …). Every key and shape
 * must match; the model takes its features as they are (no scaling) and predicts as PyTorch's network followed by a
 * softmax (classes), a sigmoid (two classes, one output) or nothing (regression).
 */
public final class TorchImport {
    private TorchImport() {
    }

    /**
     * Loads {@code weights} into the network {@code spec} builds for a given output width.
     *
     * @param spec         the architecture for an output width: called with the classes' count (or 1 for regression);
     *                     for two classes, with 1 (a sigmoid output) when the file's shapes fit that instead
     * @param featureNames the input columns, in the network's order
     * @param classNames   the classes in the order of the network's outputs; empty for a regression
     * @throws ModelFileException naming the file and the first missing, unexpected or misshapen tensor
     */
    public static TrainedModel read(Path weights, IntFunction<ModelSpec> spec, List<String> featureNames,
                                    List<String> classNames, String targetName) throws ModelFileException {
        Map<String, Tensor> state = Safetensors.readTorch(weights).tensors();
        Task task = classNames.isEmpty() ? Task.REGRESSION : classNames.size() == 2 ? Task.BINARY : Task.MULTICLASS;
        int outputs = task == Task.REGRESSION ? 1 : classNames.size();
        Module network;
        ModelSpec s = spec.apply(outputs);
        try {
            network = load(s, state);
        } catch (IllegalArgumentException e) {
            if (task != Task.BINARY) {
                throw mismatch(weights, state, e);
            }
            try {
                s = spec.apply(1);
                network = load(s, state);
            } catch (IllegalArgumentException sigmoid) {
                throw mismatch(weights, state, e);
            }
        }
        if (s.inputs() != featureNames.size()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + s.inputs() + " inputs");
        }
        return TrainedModel.of(s, network, featureNames, targetName, classNames)
                .withProvenance(Map.of("imported", weights.getFileName().toString()));
    }

    /** The network of {@code spec} holding {@code state}, in the file's dtype. */
    private static Module load(ModelSpec spec, Map<String, Tensor> state) {
        Module network = spec.build(new SplittableRandom(0));
        DType dtype = state.values().stream().map(Tensor::dtype).findFirst().orElse(DType.F32);
        network.to(dtype);
        network.loadStateDict(state);
        return network;
    }

    private static ModelFileException mismatch(Path weights, Map<String, Tensor> state, IllegalArgumentException e) {
        return new ModelFileException(weights + ": " + e.getMessage() + "; the file holds " + describe(state));
    }

    /** {@code 0.weight [8, 4], 0.bias [8], …} */
    private static String describe(Map<String, Tensor> state) {
        StringBuilder sb = new StringBuilder();
        state.forEach((k, t) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ').append(t.shapeString()));
        return sb.toString();
    }
}
