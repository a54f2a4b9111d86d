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
