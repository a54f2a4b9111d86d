package dev.nabla.train;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Variable;
import dev.nabla.data.DataException;
import dev.nabla.data.OneHot;
import dev.nabla.data.Pipeline;
import dev.nabla.data.RowEncoder;
import dev.nabla.data.Table;
import dev.nabla.data.Scaling;
import dev.nabla.data.Task;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network with everything prediction needs, from raw rows to predictions: the pipeline that encodes raw columns,
 * the fitted input scaling (and, for regression, the target scaling), the architecture, the objective that turns
 * outputs into predictions, the names of the target and the classes, the decision threshold of a binary classifier
 * and the provenance of the run. This is what a model file holds.
 *
 * <p>Its network is put in evaluation mode when the model is made, and prediction changes nothing shared (the pipeline,
 * scalings and weights are only read; temporaries are the calling thread's), so one model serves many threads.
 *
 * @param pipeline      raw columns → encoded inputs
 * @param scaling       per encoded column (x − shift) / scale
 * @param targetScaling one-column scaling of a regression target (identity for classification)
 * @param classNames    class names, index = label; empty for regression
 * @param threshold     a binary classifier predicts the second class when its probability is at least this
 * @param provenance    how the model was made (version, options, seed, inputs' SHA-256), in a stable order
 */
public record TrainedModel(ModelSpec spec, Module network, Task task, Objective objective, Pipeline pipeline,
                           Scaling scaling, Scaling targetScaling, List<String> classNames, String targetName,
                           double threshold, Map<String, String> provenance) {

    /** Rows scored per forward pass at prediction time (bounds memory on large inputs). */
    private static final int CHUNK = 4096;
    /** The threshold of a binary classifier unless tuned: the more probable class wins. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    public TrainedModel {
        Objects.requireNonNull(spec);
        Objects.requireNonNull(network);
        // A model file names tensors as spec.build does: a lone module becomes layer "0" of a Sequential.
        if (!(network instanceof Sequential)) {
            network = new Sequential(network);
        }
        // A trained model predicts: in evaluation mode, predict() need not switch modes, so threads can share it.
        network.eval();
        Objects.requireNonNull(task);
        Objects.requireNonNull(objective);
        classNames = List.copyOf(classNames);
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        if (scaling.columns() != spec.inputs() || pipeline.width() != spec.inputs()) {
            throw new IllegalArgumentException("model takes " + spec.inputs() + " inputs but has " + scaling.columns()
                    + " scaled columns and " + pipeline.width() + " encoded columns");
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must lie in (0, 1), got " + threshold);
        }
        if (targetScaling.columns() != 1) {
            throw new IllegalArgumentException("target scaling must have one column, got " + targetScaling.columns());
        }
        int expected = objective.outputs(task, classNames.size());
        if (spec.outputs() != expected) {
            throw new IllegalArgumentException("network has " + spec.outputs() + " outputs; " + objective.id() + " on "
                    + task.id() + (classNames.isEmpty() ? "" : " with " + classNames.size() + " classes") + " needs "
                    + expected);
        }
    }

    /**
     * A model of a network built in code that takes its features as they are (no scaling): a classifier over
     * {@code classNames} (one output for two classes means a sigmoid, otherwise one output per class and a softmax),
     * or a regression when {@code classNames} is empty.
     */
    public static TrainedModel of(Module network, List<String> featureNames, String targetName,
                                  List<String> classNames) {
        return of(ModelSpec.of(network, featureNames.size()), network, featureNames, targetName, classNames);
    }

    /** {@link #of(Module, List, String, List)} for a network built from {@code spec}, which the model file keeps. */
    public static TrainedModel of(ModelSpec spec, Module network, List<String> featureNames, String targetName,
                                  List<String> classNames) {
        Task task = classNames.isEmpty() ? Task.REGRESSION : classNames.size() == 2 ? Task.BINARY : Task.MULTICLASS;
        Objective objective = task == Task.REGRESSION ? Objective.MSE
                : spec.outputs() == 1 ? Objective.BINARY_CROSS_ENTROPY : Objective.SOFTMAX_CROSS_ENTROPY;
        int d = featureNames.size();
        float[] ones = new float[d];
        java.util.Arrays.fill(ones, 1);
        return new TrainedModel(spec, network, task, objective, Pipeline.numeric(featureNames),
                new Scaling(Scaling.Kind.NONE, new float[d], ones), new Scaling(Scaling.Kind.NONE, new float[1],
                new float[] {1}), classNames, targetName, DEFAULT_THRESHOLD, Map.of());
    }

    /** The same model with another decision threshold. */
    public TrainedModel withThreshold(double value) {
        return new TrainedModel(spec, network, task, objective, pipeline, scaling, targetScaling, classNames, targetName,
                value, provenance);
    }

    /** The same model with its provenance recorded. */
    public TrainedModel withProvenance(Map<String, String> value) {
        return new TrainedModel(spec, network, task, objective, pipeline, scaling, targetScaling, classNames, targetName,
                threshold, value);
    }

    /** Names of the encoded input columns, in order (a numeric table's column names). */
    public List<String> featureNames() {
        return pipeline.names();
    }

    /** Predictions for raw rows: columns found by name, missing cells and unseen levels handled as in training. */
    public Prediction predict(Table rows) {
        return predict(pipeline.encode(rows));
    }

    /**
     * Predictions for raw rows given as column name → cell text (or number; null or absent for a missing cell), as
     * they come from a form or a JSON request: {@code model.predictRows(List.of(Map.of("Home", "rent", "Age", "30")))}.
     * A column a row leaves out is a missing cell; a column the model does not read is refused, naming it (a
     * misspelt name would otherwise pass silently as a missing cell).
     *
     * @throws dev.nabla.data.DataException naming the row and column at fault
     */
    public Prediction predictRows(List<? extends Map<String, ?>> rows) {
        return predict(Tensor.wrap(new RowEncoder(pipeline, "rows").encode(rows), rows.size(), inputs()));
    }

    /** Number of input features. */
    public int inputs() {
        return spec.inputs();
    }

    /**
     * Raw network outputs Z for unscaled features X [rows, inputs()], in evaluation mode, without a graph. Safe to call
     * from many threads at once: the network is only read (its mode switched, under a lock, only if someone put it back
     * in training mode), and each call's temporaries are its own.
     */
    public Tensor outputs(Tensor features) {
        if (features.rank() != 2 || features.cols() != inputs()) {
            throw new DataException("model expects " + inputs() + " features per row, got "
                    + features.shapeString());
        }
        Tensor x = scaling.apply(features);
        int n = x.rows();
        int d = x.cols();
        Tensor out = null;
        // Rows per pass: CHUNK, fewer when a layer is so wide that CHUNK of its rows would not fit one array.
        int passRows = (int) Math.max(1, Math.min(CHUNK, dev.nabla.tensor.Memory.MAX_ARRAY / spec.maxWidth()));
        for (int start = 0; start < n; start += passRows) {
            int rows = Math.min(passRows, n - start);
            float[] chunk = new float[rows * d];
            System.arraycopy(x.floats(), start * d, chunk, 0, chunk.length);
            Tensor z = forward(Tensor.wrap(chunk, rows, d).to(dtype()));
            if (out == null) {
                out = Tensor.zeros(DType.F32, n, z.cols());
            }
            float[] zs = z.to(DType.F32).floats();
            System.arraycopy(zs, 0, out.floats(), start * z.cols(), rows * z.cols());
        }
        return out != null ? out : Tensor.zeros(DType.F32, 0, spec.outputs());
    }

    /** Outputs Z of the network for scaled inputs X′ (in the network's dtype), in evaluation mode, without a graph. */
    Tensor forward(Tensor scaled) {
        if (!network.isTraining()) {
            return evaluate(scaled);
        }
        synchronized (network) {
            network.eval();
            try {
                return evaluate(scaled);
            } finally {
                network.train(true);
            }
        }
    }

    private Tensor evaluate(Tensor scaled) {
        try (Grad.Scope ignored = Grad.noGrad()) {
            return network.forward(Variable.constant(scaled)).data();
        }
    }

    /** Predicted classes with probabilities, or predicted values, for unscaled features X. */
    public Prediction predict(Tensor features) {
        return predictFromOutputs(outputs(features));
    }

    /** {@link #predict} from the network's outputs Z for those features, already computed by {@link #outputs}. */
    public Prediction predictFromOutputs(Tensor z) {
        int n = z.rows();
        if (task == Task.REGRESSION) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = targetScaling.invert((float) z.get(i, 0), 0);
            }
            return new Prediction(null, null, values);
        }
        Tensor p = objective.activate(z);
        int k = classNames.size();
        float[] probabilities = new float[n * k];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = decide(p.floats(), i * p.cols(), probabilities, i * k);
        }
        return new Prediction(classes, Tensor.wrap(probabilities, n, k), null);
    }

    /**
     * Row i's class probabilities, from the activated outputs {@code p[from …]} (one sigmoid output p₁ gives
     * 1 − p₁ and p₁), written to {@code probabilities[to …]}; returns its class: for two classes the second when its
     * probability exceeds the threshold (0.5 is the arg-max), otherwise the arg-max (the first of equal ones).
     */
    int decide(float[] p, int from, float[] probabilities, int to) {
        int k = classNames.size();
        if (objective.outputs(task, k) == 1) {
            probabilities[to] = (float) (1 - (double) p[from]);
            probabilities[to + 1] = p[from];
        } else {
            System.arraycopy(p, from, probabilities, to, k);
        }
        return k == 2 ? (probabilities[to + 1] > threshold ? 1 : 0) : OneHot.argmax(probabilities, to, k);
    }

    /** The dtype of the network's parameters (float32 for a network without any). */
    DType dtype() {
        List<Variable> ps = network.parameters();
        return ps.isEmpty() ? DType.F32 : ps.get(0).data().dtype();
    }
}
