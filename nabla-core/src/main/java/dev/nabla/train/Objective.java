package dev.nabla.train;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.DataException;
import dev.nabla.data.OneHot;
import dev.nabla.data.Task;
import dev.nabla.loss.Losses;
import dev.nabla.nn.OnnxNodes;
import dev.nabla.optim.NamedArgs;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The loss a network is trained on, with its settings, and the output function that turns its raw outputs into
 * predictions. {@link #forTask} picks the usual one; any can be chosen explicitly, by its constant or by name
 * ({@link #fromId}, e.g. {@code huber:0.5}). Immutable; equal when kind and settings are equal.
 */
public final class Objective {
    /** The loss functions, defined once: name, other accepted names, arguments and output function. */
    public enum Kind {
        /** Softmax over the outputs; weighted, smoothed cross-entropy ({@link Losses#softmaxCrossEntropy}). */
        SOFTMAX_CROSS_ENTROPY(Map.of("label_smoothing", 0.0), "cross_entropy", "ce"),
        /** Sigmoid of one output; L = (1/N)·Σ p·y·log(1+e^{−z}) + (1−y)·log(1+e^{z}), p the positive weight. */
        BINARY_CROSS_ENTROPY(Map.of("pos_weight", 1.0), "bce"),
        /** Identity output; L = (1/n)·Σ (y − t)², with one-hot targets for classes. */
        MSE(Map.of(), "squared_error"),
        /** Identity output; Huber loss with threshold δ ({@link Losses#huber}), one-hot targets for classes. */
        HUBER(Map.of("delta", 1.0)),
        /** Identity output; L = (1/n)·Σ |y − t|, one-hot targets for classes. */
        L1(Map.of(), "mae");

        private final Map<String, Double> args;
        private final String[] aliases;

        Kind(Map<String, Double> args, String... aliases) {
            this.args = args;
            this.aliases = aliases;
        }

        /** Lower-case name used in model files and on the command line, e.g. {@code softmax_cross_entropy}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the network's outputs are the predictions themselves (a regression-style loss). */
        boolean identityOutput() {
            return this == MSE || this == HUBER || this == L1;
        }
    }

    public static final Objective SOFTMAX_CROSS_ENTROPY = new Objective(Kind.SOFTMAX_CROSS_ENTROPY, 1, 0, null, 1);
    public static final Objective BINARY_CROSS_ENTROPY = new Objective(Kind.BINARY_CROSS_ENTROPY, 1, 0, null, 1);
    public static final Objective MSE = new Objective(Kind.MSE, 1, 0, null, 1);
    /** Huber loss with PyTorch's default δ = 1. */
    public static final Objective HUBER = new Objective(Kind.HUBER, 1, 0, null, 1);
    public static final Objective L1 = new Objective(Kind.L1, 1, 0, null, 1);

    private final Kind kind;
    private final double delta;
    private final double labelSmoothing;
    private final double[] classWeights;
    private final double posWeight;
    /** The settings as tensors for the loss functions (class weights, positive weight), made once. */
    private final Tensor classWeightTensor;
    private final Tensor posWeightTensor;

    private Objective(Kind kind, double delta, double labelSmoothing, double[] classWeights, double posWeight) {
        this.kind = kind;
        this.delta = require("delta", delta, delta > 0, "a positive number");
        this.labelSmoothing = require("label smoothing", labelSmoothing, labelSmoothing >= 0 && labelSmoothing <= 1,
                "in [0, 1]");
        this.posWeight = require("pos_weight", posWeight, posWeight >= 0, "zero or positive");
        this.classWeights = classWeights == null ? null : classWeights.clone();
        if (classWeights != null) {
            for (double w : classWeights) {
                require("a class weight", w, w >= 0, "zero or positive");
            }
        }
        this.classWeightTensor = classWeights == null ? null : Tensor.wrap(classWeights.clone(), classWeights.length);
        this.posWeightTensor = Tensor.wrap(new double[] {posWeight}, 1);
    }

    /** The objective that suits {@code task}. */
    public static Objective forTask(Task task) {
        return switch (task) {
            case MULTICLASS -> SOFTMAX_CROSS_ENTROPY;
            case BINARY -> BINARY_CROSS_ENTROPY;
            case REGRESSION -> MSE;
        };
    }

    /** Huber loss with threshold δ &gt; 0 ({@code torch.nn.HuberLoss(delta=δ)}). */
    public static Objective huber(double delta) {
        return new Objective(Kind.HUBER, delta, 0, null, 1);
    }

    /** This cross-entropy with label smoothing ε ∈ [0, 1] (PyTorch's formula, also with class weights). */
    public Objective withLabelSmoothing(double epsilon) {
        requireKind(Kind.SOFTMAX_CROSS_ENTROPY, "label smoothing");
        return new Objective(kind, delta, epsilon, classWeights, posWeight);
    }

    /** This cross-entropy with one weight ≥ 0 per class; the mean divides by the weights of the rows' classes. */
    public Objective withClassWeights(double... weights) {
        requireKind(Kind.SOFTMAX_CROSS_ENTROPY, "class weights");
        return new Objective(kind, delta, labelSmoothing, weights, posWeight);
    }

    /** This binary cross-entropy with weight p ≥ 0 on the positive class's terms ({@code pos_weight}). */
    public Objective withPosWeight(double p) {
        requireKind(Kind.BINARY_CROSS_ENTROPY, "a positive weight");
        return new Objective(kind, delta, labelSmoothing, classWeights, p);
    }

    public Kind kind() {
        return kind;
    }

    /** Huber's δ (1 for other kinds). */
    public double delta() {
        return delta;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The class weights (a copy), or null when every class weighs 1. */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    public double posWeight() {
        return posWeight;
    }

    /**
     * Network outputs this objective needs for {@code task} with {@code classes} classes.
     *
     * @throws DataException when the objective cannot learn such a target
     */
    public int outputs(Task task, int classes) {
        if (task == Task.REGRESSION) {
            if (!kind.identityOutput()) {
                throw new DataException(id() + " needs class labels; the target holds numbers (use mse, huber or l1)");
            }
            return 1;
        }
        if (kind == Kind.BINARY_CROSS_ENTROPY) {
            if (classes != 2) {
                throw new DataException("binary_cross_entropy needs two classes, the target has " + classes);
            }
            return 1;
        }
        if (classWeights != null && classWeights.length != classes) {
            throw new DataException(classWeights.length + " class weights for a target of " + classes + " classes");
        }
        return classes;
    }

    /** The scalar loss of {@code outputs} against the batch's targets. */
    public Variable loss(Variable outputs, Batch batch) {
        DType dtype = outputs.data().dtype();
        return switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> classWeights == null && labelSmoothing == 0
                    ? Losses.softmaxCrossEntropy(outputs, labelsOf(batch))
                    : Losses.softmaxCrossEntropy(outputs, labelsOf(batch), classWeightTensor, labelSmoothing);
            case BINARY_CROSS_ENTROPY -> posWeight == 1
                    ? Losses.binaryCrossEntropyWithLogits(outputs, columnOf(batch.targets()).to(dtype))
                    : Losses.binaryCrossEntropyWithLogits(outputs, columnOf(batch.targets()).to(dtype), posWeightTensor);
            case MSE -> Losses.mse(outputs, targets(outputs, batch));
            case HUBER -> Losses.huber(outputs, targets(outputs, batch), delta);
            case L1 -> Losses.l1(outputs, targets(outputs, batch));
        };
    }

    /**
     * The denominator of the batch's mean loss: its rows, or with class weights Σᵢ w_{yᵢ}. Data-parallel training
     * weights each replica's share by it, so that Σₛ (Wₛ/W)·Lₛ is the loss of the whole batch.
     */
    public double normalizer(Batch batch) {
        if (kind != Kind.SOFTMAX_CROSS_ENTROPY || classWeights == null) {
            return batch.size();
        }
        double sum = 0;
        for (int label : labelsOf(batch)) {
            sum += classWeights[label];
        }
        return sum;
    }

    /** Predictions from raw outputs Z: class probabilities [rows, K] or values [rows, 1], in a new tensor. */
    public Tensor activate(Tensor outputs) {
        return activateInto(outputs, Tensor.zeros(DType.F32, outputs.rows(), outputs.cols()));
    }

    /** {@link #activate} into {@code out}, a float32 tensor of the outputs' shape; returns it. */
    Tensor activateInto(Tensor outputs, Tensor out) {
        out.copyFromInPlace(outputs);
        switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> Linalg.softmax(out, out);
            case BINARY_CROSS_ENTROPY -> {
                for (int i = 0; i < out.size(); i++) {
                    out.set(i, 1 / (1 + Math.exp(-out.get(i))));
                }
            }
            case MSE, HUBER, L1 -> { }
        }
        return out;
    }

    /** {@link #activate}'s ONNX nodes: from outputs Z (float) to probabilities [N, K] or values [N, 1]. */
    public String onnx(OnnxNodes out, String outputs) {
        return switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> out.node("Softmax", List.of(outputs), Map.of("axis", 1L));
            case BINARY_CROSS_ENTROPY -> out.node("Sigmoid", outputs);
            case MSE, HUBER, L1 -> outputs;
        };
    }

    /** The kind's name, e.g. {@code softmax_cross_entropy}; a model file keeps only this (the output function). */
    public String id() {
        return kind.id();
    }

    /** The name with the settings that differ from the defaults, e.g. {@code huber (delta 0.5)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (delta != 1) {
            sb.append("delta ").append(delta);
        }
        if (labelSmoothing != 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("label_smoothing ").append(labelSmoothing);
        }
        if (posWeight != 1) {
            sb.append(sb.isEmpty() ? "" : ", ").append("pos_weight ").append(posWeight);
        }
        if (classWeights != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("class weights ").append(Arrays.toString(classWeights));
        }
        return sb.isEmpty() ? id() : id() + " (" + sb + ")";
    }

    /**
     * The objective written {@code text}: a name ({@link Kind#id()} or an alias such as {@code cross_entropy},
     * {@code bce}, {@code mae}) with optional arguments, {@code huber:0.5}, {@code cross_entropy:label_smoothing=0.1},
     * {@code bce:pos_weight=3} (see {@link NamedArgs}).
     *
     * @throws IllegalArgumentException for an unknown name or argument, or an invalid value
     */
    public static Objective fromId(String text) {
        NamedArgs named = NamedArgs.parse(text.replace('-', '_'));
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.id().equals(named.name()) || Arrays.asList(k.aliases).contains(named.name())) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("unknown loss '" + named.name()
                    + "'; expected cross_entropy, binary_cross_entropy, mse, huber or l1");
        }
        Map<String, Double> args = named.values(kind.args);
        return new Objective(kind, args.getOrDefault("delta", 1.0), args.getOrDefault("label_smoothing", 0.0), null,
                args.getOrDefault("pos_weight", 1.0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Objective other && kind == other.kind && delta == other.delta
                && labelSmoothing == other.labelSmoothing && posWeight == other.posWeight
                && Arrays.equals(classWeights, other.classWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, delta, labelSmoothing, posWeight, Arrays.hashCode(classWeights));
    }

    @Override
    public String toString() {
        return describe();
    }

    private void requireKind(Kind expected, String what) {
        if (kind != expected) {
            throw new IllegalArgumentException(what + " applies to " + expected.id() + ", not " + id());
        }
    }

    private static double require(String name, double value, boolean valid, String range) {
        if (!valid || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be " + range + ", got " + value);
        }
        return value;
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

    /** Values [rows, 1] as they are; class labels one-hot in a step buffer (reused inside a Workspace). */
    private static Tensor targets(Variable outputs, Batch batch) {
        DType dtype = outputs.data().dtype();
        int classes = outputs.data().cols();
        return classes == 1 && batch.targets().rank() == 2 ? batch.targets().to(dtype)
                : OneHot.encodeInto(labelsOf(batch), Workspace.temporary(dtype, 2, batch.size(), classes, false));
    }
}
