package dev.nabla.train;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.DataException;
import dev.nabla.data.OneHot;
import dev.nabla.data.Task;
import dev.nabla.loss.Losses;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import java.util.Locale;

/**
 * The loss a network is trained on, and the output function that turns its raw outputs into predictions.
 * {@link #forTask} picks the usual one; any can be chosen explicitly.
 */
public enum Objective {
    /** Softmax over the outputs; L = −(1/N)·Σ log softmax(z_i)[y_i]. */
    SOFTMAX_CROSS_ENTROPY,
    /** Sigmoid of one output; L = (1/N)·Σ y·log(1+e^{−z}) + (1−y)·log(1+e^{z}). */
    BINARY_CROSS_ENTROPY,
    /** Identity output; L = (1/n)·Σ (y − t)², with one-hot targets for classes. */
    MSE;

    /** The objective that suits {@code task}. */
    public static Objective forTask(Task task) {
        return switch (task) {
            case MULTICLASS -> SOFTMAX_CROSS_ENTROPY;
            case BINARY -> BINARY_CROSS_ENTROPY;
            case REGRESSION -> MSE;
        };
    }

    /**
     * Network outputs this objective needs for {@code task} with {@code classes} classes.
     *
     * @throws DataException when the objective cannot learn such a target
     */
    public int outputs(Task task, int classes) {
        if (task == Task.REGRESSION) {
            if (this != MSE) {
                throw new DataException(id() + " needs class labels; the target holds numbers (use mse)");
            }
            return 1;
        }
        if (this == BINARY_CROSS_ENTROPY) {
            if (classes != 2) {
                throw new DataException("binary_cross_entropy needs two classes, the target has " + classes);
            }
            return 1;
        }
        return classes;
    }

    /** The scalar loss of {@code outputs} against the batch's targets. */
    public Variable loss(Variable outputs, Batch batch) {
        DType dtype = outputs.data().dtype();
        return switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> Losses.softmaxCrossEntropy(outputs, labelsOf(batch));
            case BINARY_CROSS_ENTROPY -> Losses.binaryCrossEntropyWithLogits(outputs, columnOf(batch.targets()).to(dtype));
            case MSE -> Losses.mse(outputs, outputs.data().cols() == 1 && batch.targets().rank() == 2
                    ? batch.targets().to(dtype) : oneHot(batch, outputs.data().cols(), dtype));
        };
    }

    /** Predictions from raw outputs Z: class probabilities [rows, K] or values [rows, 1], in a new tensor. */
    public Tensor activate(Tensor outputs) {
        Tensor out = outputs.to(DType.F32).copy();
        switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> Linalg.softmax(out, out);
            case BINARY_CROSS_ENTROPY -> {
                for (int i = 0; i < out.size(); i++) {
                    out.set(i, 1 / (1 + Math.exp(-out.get(i))));
                }
            }
            case MSE -> { }
        }
        return out;
    }

    /** Lower-case name used in model files and on the command line, e.g. {@code softmax_cross_entropy}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The objective with the given {@link #id()}; {@code cross_entropy} is accepted for softmax cross-entropy. */
    public static Objective fromId(String id) {
        String key = id.toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (key) {
            case "cross_entropy", "softmax_cross_entropy", "ce" -> SOFTMAX_CROSS_ENTROPY;
            case "binary_cross_entropy", "bce" -> BINARY_CROSS_ENTROPY;
            case "mse", "squared_error" -> MSE;
            default -> throw new IllegalArgumentException("unknown loss '" + id
                    + "'; expected cross_entropy, binary_cross_entropy or mse");
        };
    }

    private static int[] labelsOf(Batch batch) {
        if (batch.targets().rank() == 1) {
            return batch.labels();
        }
        int[] labels = new int[batch.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) batch.targets().get(i);
        }
        return labels;
    }

    private static Tensor columnOf(Tensor targets) {
        return targets.rank() == 2 ? targets : targets.reshape(targets.size(), 1);
    }

    /** One-hot targets in a step buffer of the outputs' dtype (reused from step to step inside a Workspace). */
    private static Tensor oneHot(Batch batch, int classes, DType dtype) {
        return OneHot.encodeInto(labelsOf(batch), Workspace.temporary(dtype, 2, batch.size(), classes, false));
    }
}
