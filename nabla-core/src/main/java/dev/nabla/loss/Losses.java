package dev.nabla.loss;

import dev.nabla.autograd.Formula;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;
import java.util.List;

/**
 * Loss functions: from outputs or logits and targets to a scalar, each one fused graph node with a
 * numerically stable forward and a closed-form backward. Targets are plain tensors (no gradient).
 */
public final class Losses {
    private Losses() {
    }

    private static final Formula MSE = Formula.of("mse", "Y", "L = (1/n)·Σ (Y − T)²", "Ȳ = L̄·2(Y − T)/n");

    /** The mean squared error L = (1/n)·Σ (Y − T)² over all n elements. Backward: Ȳ = L̄·2(Y − T)/n. */
    public static Variable mse(Variable output, Tensor target) {
        return squaredError(MSE, output, target, 1.0 / output.data().size());
    }

    private static final Formula HALF_SSE = Formula.of("halfSumSquaredError", "Y", "L = ½·Σ (Y − T)²", "Ȳ = L̄·(Y − T)");

    /** E = ½‖t − y‖², summed over all elements (the seeds' form): L = ½·Σ (Y − T)². Backward: Ȳ = L̄·(Y − T). */
    public static Variable halfSumSquaredError(Variable output, Tensor target) {
        return squaredError(HALF_SSE, output, target, 0.5);
    }

    private static Variable squaredError(Formula formula, Variable output, Tensor target, double scale) {
        String op = formula.op();
        Tensor y = output.data();
        Shapes.requireSame(op, y, target);
        Tensor diff = Workspace.temporaryLike(y, false);
        Pointwise.axpby(1, y, -1, target, diff);
        Tensor loss = scalar(y);
        loss.set(0, scale * Pointwise.sumOfSquares(diff));
        return Variable.fromOp(formula, loss, g -> Pointwise.axpy(2 * scale * g.get(0), diff, output.gradBuffer()), output);
    }

    private static final Formula HUBER = Formula.of("huber", "Y", "L = (1/n)·Σ h(Y − T)",
            "Ȳ = L̄·clamp(Y − T, −δ, δ)/n");

    /**
     * The Huber loss ({@code torch.nn.HuberLoss}) L = (1/n)·Σ h(Y − T), with h(d) = d²/2 for |d| &lt; δ and
     * δ·(|d| − δ/2) otherwise. Backward: Ȳ = L̄·clamp(Y − T, −δ, δ)/n.
     */
    public static Variable huber(Variable output, Tensor target, double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be a positive number, got " + delta);
        }
        return meanOfDifferences(HUBER, output, target,
                d -> Math.abs(d) < delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta),
                d -> Math.max(-delta, Math.min(delta, d)));
    }

    private static final Formula L1 = Formula.of("l1", "Y", "L = (1/n)·Σ |Y − T|", "Ȳ = L̄·sign(Y − T)/n");

    /** The mean absolute error ({@code torch.nn.L1Loss}) L = (1/n)·Σ |Y − T|. Backward: Ȳ = L̄·sign(Y − T)/n (sign(0) = 0). */
    public static Variable l1(Variable output, Tensor target) {
        return meanOfDifferences(L1, output, target, Math::abs, Math::signum);
    }

    /** L = (1/n)·Σ h(y − t) over all n elements. Backward: ȳ = L̄·h′(y − t)/n. */
    private static Variable meanOfDifferences(Formula formula, Variable output, Tensor target,
                                              java.util.function.DoubleUnaryOperator h,
                                              java.util.function.DoubleUnaryOperator derivative) {
        String op = formula.op();
        Tensor y = output.data();
        Shapes.requireSame(op, y, target);
        Tensor diff = Workspace.temporaryLike(y, false);
        Pointwise.axpby(1, y, -1, target, diff);
        int n = y.size();
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += h.applyAsDouble(diff.get(i));
        }
        Tensor loss = scalar(y);
        loss.set(0, total / n);
        return Variable.fromOp(formula, loss, g -> {
            double s = g.get(0) / n;
            Tensor grad = output.gradBuffer();
            for (int i = 0; i < n; i++) {
                grad.set(i, grad.get(i) + s * derivative.applyAsDouble(diff.get(i)));
            }
        }, output);
    }

    private static final Formula BCE_POS_WEIGHT = Formula.of("binaryCrossEntropyWithLogits", "Z",
            "L = (1/n)·Σ P ⊙ T ⊙ log(1 + e^{−Z}) + (1 − T) ⊙ log(1 + e^{Z})",
            "Z̄ = L̄·(σ(Z) ⊙ (P ⊙ T + 1 − T) − P ⊙ T)/n");

    /**
     * Binary cross-entropy from logits with a weight for the positive targets of each column
     * ({@code BCEWithLogitsLoss(pos_weight)}), P holding the column's weight p_c in every row:
     * L = (1/n)·Σ P ⊙ T ⊙ log(1 + e^{−Z}) + (1 − T) ⊙ log(1 + e^{Z}).
     * Backward: Z̄ = L̄·(σ(Z) ⊙ (P ⊙ T + 1 − T) − P ⊙ T)/n.
     *
     * @param posWeight p, one weight per column of the logits (rank 1)
     */
    public static Variable binaryCrossEntropyWithLogits(Variable logits, Tensor target, Tensor posWeight) {
        Tensor z = logits.data();
        Shapes.requireSame("binaryCrossEntropyWithLogits", z, target);
        int cols = z.cols();
        if (posWeight.size() != cols) {
            throw new dev.nabla.tensor.ShapeException("binaryCrossEntropyWithLogits: pos_weight " + posWeight.shapeString()
                    + " needs one weight per column of the logits " + z.shapeString());
        }
        int n = z.size();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double x = z.get(i);
            double y = target.get(i);
            double softplusMinus = Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            total += (1 - y) * x + (posWeight.get(i % cols) * y + 1 - y) * softplusMinus;
        }
        Tensor loss = scalar(z);
        loss.set(0, total / n);
        return Variable.fromOp(BCE_POS_WEIGHT, loss, g -> {
            double s = g.get(0) / n;
            Tensor grad = logits.gradBuffer();
            for (int i = 0; i < n; i++) {
                double x = z.get(i);
                double y = target.get(i);
                double p = posWeight.get(i % cols);
                double sigma = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
                grad.set(i, grad.get(i) + s * (sigma * (p * y + 1 - y) - p * y));
            }
        }, logits);
    }

    private static final Formula BCE = Formula.of("binaryCrossEntropyWithLogits", "Z",
            "L = (1/N)·Σ T ⊙ log(1 + e^{−Z}) + (1 − T) ⊙ log(1 + e^{Z})", "Z̄ = L̄·(σ(Z) − T)/N");

    /**
     * The UMONS seed's cost ε = (1/N)·Σ y·log(1+e^{−z}) + (1−y)·log(1+e^{z}) from logits z, finite for |z| = 1000:
     * L = (1/N)·Σ T ⊙ log(1 + e^{−Z}) + (1 − T) ⊙ log(1 + e^{Z}). Backward: Z̄ = L̄·(σ(Z) − T)/N.
     */
    public static Variable binaryCrossEntropyWithLogits(Variable logits, Tensor target) {
        Tensor z = logits.data();
        Tensor probs = Workspace.temporaryLike(z, false);
        int n = z.size();
        Tensor loss = scalar(z);
        loss.set(0, Linalg.binaryCrossEntropy(z, target, probs) / n);
        return Variable.fromOp(BCE, loss, g -> {
            double s = g.get(0) / n;
            Tensor d = Workspace.temporaryLike(z, false);
            Pointwise.axpby(s, probs, -s, target, d);
            Pointwise.axpy(1, d, logits.gradBuffer());
        }, logits);
    }

    private static final Formula SOFTMAX_CE = Formula.of("softmaxCrossEntropy", "Z", "L = −(1/N)·Σ T ⊙ log softmax(Z)",
            "Z̄ = L̄·(softmax(Z) − T)/N");

    /**
     * L = (1/N)·Σ_i −log softmax(z_i)[y_i] for integer labels, via log-sum-exp: with T the one-hot labels,
     * L = −(1/N)·Σ T ⊙ log softmax(Z). Backward: Z̄ = L̄·(softmax(Z) − T)/N (the Saxon seed's df = p_k − 1(y_i = k)).
     */
    public static Variable softmaxCrossEntropy(Variable logits, int[] labels) {
        Tensor z = logits.data();
        Shapes.requireMatrix("softmax cross-entropy", z);
        Tensor probs = Workspace.temporaryLike(z, false);
        double total = Linalg.softmaxCrossEntropy(z, labels, probs);
        int cols = z.cols();
        return meanOverRows(SOFTMAX_CE, logits, total, (s, gz) -> {
            Pointwise.axpy(s, probs, gz);
            for (int i = 0; i < labels.length; i++) {
                int at = i * cols + labels[i];
                gz.set(at, gz.get(at) - s);
            }
        });
    }

    private static final Formula SOFTMAX_CE_MASS = Formula.of("softmaxCrossEntropy", "Z",
            "L = −(1/N)·Σ T ⊙ log softmax(Z)", "Z̄ = L̄·(softmax(Z) ⊙ (T·1·1ᵀ) − T)/N");

    /**
     * L = (1/N)·Σ_i −Σ_k t_ik·log softmax(z_i)_k for probability targets T: L = −(1/N)·Σ T ⊙ log softmax(Z).
     * Backward: Z̄ = L̄·(softmax(Z) ⊙ (T·1·1ᵀ) − T)/N, which is L̄·(softmax(Z) − T)/N when each row of T sums to 1.
     */
    public static Variable softmaxCrossEntropy(Variable logits, Tensor targets) {
        Tensor z = logits.data();
        Shapes.requireMatrix("softmax cross-entropy", z);
        Tensor probs = Workspace.temporaryLike(z, false);
        double total = Linalg.softmaxCrossEntropy(z, targets, probs);
        int cols = z.cols();
        return meanOverRows(SOFTMAX_CE_MASS, logits, total, (s, gz) -> {
            for (int i = 0; i < z.rows(); i++) {
                double mass = 0;
                for (int j = 0; j < cols; j++) {
                    mass += targets.get(i * cols + j);
                }
                for (int j = 0; j < cols; j++) {
                    int at = i * cols + j;
                    gz.set(at, gz.get(at) + s * (probs.get(at) * mass - targets.get(at)));
                }
            }
        });
    }

    private static final Formula SOFTMAX_CE_WEIGHTED = Formula.of("softmaxCrossEntropy", "Z",
            "L = −(1/W)·Σ ((1 − ε)·T + ε/C) ⊙ 1·wᵀ ⊙ log softmax(Z)",
            "Z̄ = (L̄/W)·((1 − ε)·(T·w)·1ᵀ ⊙ (softmax(Z) − T) + (ε/C)·(softmax(Z)·(wᵀ·1) − 1·wᵀ))");

    /**
     * Softmax cross-entropy as {@code torch.nn.CrossEntropyLoss(weight, label_smoothing)} with class weights w and
     * label smoothing ε over C classes, T the one-hot labels and W = Σ_i w_{y_i} (N without weights):
     * L = −(1/W)·Σ ((1 − ε)·T + ε/C) ⊙ 1·wᵀ ⊙ log softmax(Z).
     * Backward: Z̄ = (L̄/W)·((1 − ε)·(T·w)·1ᵀ ⊙ (softmax(Z) − T) + (ε/C)·(softmax(Z)·(wᵀ·1) − 1·wᵀ)).
     *
     * @param classWeights w, one per class (rank 1), or null for all 1
     */
    public static Variable softmaxCrossEntropy(Variable logits, int[] labels, Tensor classWeights,
                                               double labelSmoothing) {
        Tensor z = logits.data();
        Shapes.requireMatrix("softmax cross-entropy", z);
        int rows = z.rows();
        int cols = z.cols();
        if (classWeights != null && classWeights.size() != cols) {
            throw new dev.nabla.tensor.ShapeException("softmax cross-entropy: " + classWeights.size()
                    + " class weights for logits " + z.shapeString());
        }
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("label smoothing must lie in [0, 1], got " + labelSmoothing);
        }
        Tensor probs = Workspace.temporaryLike(z, false);
        Linalg.softmaxCrossEntropy(z, labels, probs);
        Tensor logp = Workspace.temporaryLike(z, false);
        Linalg.logSoftmax(z, logp);
        double weightSum = 0;
        double allWeights = 0;
        double nll = 0;
        double smooth = 0;
        for (int c = 0; c < cols; c++) {
            allWeights += classWeights == null ? 1 : classWeights.get(c);
        }
        for (int i = 0; i < rows; i++) {
            double wy = classWeights == null ? 1 : classWeights.get(labels[i]);
            weightSum += wy;
            nll -= wy * logp.get(i * cols + labels[i]);
            for (int c = 0; c < cols; c++) {
                smooth -= (classWeights == null ? 1 : classWeights.get(c)) * logp.get(i * cols + c);
            }
        }
        double w = weightSum;
        double sumW = allWeights;
        double e = labelSmoothing;
        Tensor loss = scalar(z);
        loss.set(0, ((1 - e) * nll + e / cols * smooth) / w);
        return Variable.fromOp(SOFTMAX_CE_WEIGHTED, loss, g -> {
            double s = g.get(0) / w;
            Tensor gz = logits.gradBuffer();
            for (int i = 0; i < rows; i++) {
                double wy = classWeights == null ? 1 : classWeights.get(labels[i]);
                for (int k = 0; k < cols; k++) {
                    int at = i * cols + k;
                    double p = probs.get(at);
                    double wk = classWeights == null ? 1 : classWeights.get(k);
                    double d = (1 - e) * wy * (p - (k == labels[i] ? 1 : 0)) + e / cols * (p * sumW - wk);
                    gz.set(at, gz.get(at) + s * d);
                }
            }
        }, logits);
    }

    /** Adds s·(∂Σ/∂Z) into Z̄ for the scale s = L̄/N. */
    private interface RowGradient {
        void accumulate(double s, Tensor logitsGrad);
    }

    /** The node L = total/N over the N rows of the logits, whose backward hands s = L̄/N to {@code gradient}. */
    private static Variable meanOverRows(Formula formula, Variable logits, double total, RowGradient gradient) {
        int rows = logits.data().rows();
        Tensor loss = scalar(logits.data());
        loss.set(0, total / rows);
        return Variable.fromOp(formula, loss,
                g -> gradient.accumulate(g.get(0) / rows, logits.gradBuffer()), logits);
    }

    private static final Formula L2 = Formula.of("l2Penalty", "W…", "L = (α/2)·Σ W²", "W̄ = L̄·α·W");

    /**
     * L_r = α/2·Σ w² over the given parameters (the Saxon seed's regulariser): L = (α/2)·Σ W² for each W.
     * Backward: W̄ = L̄·α·W.
     */
    public static Variable l2Penalty(double alpha, List<Variable> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("l2Penalty needs at least one parameter");
        }
        double total = 0;
        for (Variable p : parameters) {
            total += Pointwise.sumOfSquares(p.data());
        }
        Tensor loss = scalar(parameters.get(0).data());
        loss.set(0, 0.5 * alpha * total);
        return Variable.fromOp(L2, loss, g -> {
            for (Variable p : parameters) {
                if (p.requiresGrad()) {
                    Pointwise.axpy(alpha * g.get(0), p.data(), p.gradBuffer());
                }
            }
        }, parameters.toArray(new Variable[0]));
    }

    private static Tensor scalar(Tensor like) {
        return Workspace.temporary(like.dtype(), 1, 1, 1, false);
    }
}
