package dev.nabla.optim;

import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Limited-memory BFGS as {@code torch.optim.LBFGS}: x ← x + t·d with d = −H·g, where H·g comes from the two-loop
 * recursion over the last m pairs s = x' − x, y = g' − g (H₀ = (sᵀy/yᵀy)·I) and t from a strong-Wolfe line search.
 * One {@link #step(Closure)} runs up to {@code max_iter} such iterations on the same rows, re-evaluating the loss
 * through the closure, so the trainer hands it the whole training set as one batch ({@link #fullBatch()}).
 *
 * <p>Defaults are PyTorch's — η = 1 (the first trial step), max_iter 20, max_eval = 1.25·max_iter, tolerance_grad
 * 1e-7, tolerance_change 1e-9, history_size 100 — except that the strong-Wolfe line search is on (PyTorch's
 * default is none). {@code torch.optim.LBFGS} has no weight decay; here λ > 0 minimises L + λ/2·‖θ‖², so the
 * gradient gets λθ as in the other optimisers and the line search sees the same function. The state is global, kept
 * under the first parameter with PyTorch's names ({@code d}, {@code old_dirs}, {@code H_diag}, …) plus
 * {@code history_length}; it takes (2·history_size + 2)·P float64 numbers for P parameters in all.
 */
public final class Lbfgs extends Optimizer {
    private int historySize = 100;
    private int maxIter = 20;
    private int maxEval;
    private double toleranceGrad = 1e-7;
    private double toleranceChange = 1e-9;
    private boolean lineSearch = true;
    private double weightDecay;

    private final int n;
    private final Tensor[] funcEvals;
    private final Tensor[] iterations;
    private final Tensor[] direction;
    private final Tensor[] stepLength;
    private final Tensor[] previousGradient;
    private final Tensor[] previousLoss;
    private final Tensor[] hessianDiagonal;
    private final Tensor[] historyLength;
    private Tensor[] oldDirs;
    private Tensor[] oldSteps;
    private Tensor[] rho;
    private Tensor[] alpha;

    /** Buffers of one step, kept from step to step; not state. */
    private double[] flatGrad;
    private double[] y;
    private double[] s;
    private Tensor[] start;
    private StrongWolfe search;

    /** L-BFGS with PyTorch's learning rate 1. */
    public Lbfgs(List<Variable> parameters) {
        this(parameters, 1);
    }

    public Lbfgs(List<Variable> parameters, double learningRate) {
        super(parameters, learningRate);
        long total = 0;
        for (Variable p : parameters) {
            total += p.data().size();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("L-BFGS takes at most 2³¹ − 1 numbers, got " + total);
        }
        n = (int) total;
        funcEvals = globalSlot("func_evals", 1);
        iterations = globalSlot("n_iter", 1);
        direction = globalSlot("d", n);
        stepLength = globalSlot("t", 1);
        previousGradient = globalSlot("prev_flat_grad", n);
        previousLoss = globalSlot("prev_loss", 1);
        hessianDiagonal = globalSlot("H_diag", 1);
        historyLength = globalSlot("history_length", 1);
        declareHistory();
    }

    private void declareHistory() {
        oldDirs = globalSlot("old_dirs", historySize, n);
        oldSteps = globalSlot("old_stps", historySize, n);
        rho = globalSlot("ro", historySize);
        alpha = globalSlot("al", historySize);
    }

    /** Sets m ≥ 1, the number of (s, y) pairs kept; returns this. Set it before the first step. */
    public Lbfgs historySize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("history_size must be at least 1, got " + value);
        }
        historySize = value;
        declareHistory();
        return this;
    }

    /** Sets the most iterations per {@link #step(Closure)} (≥ 1); returns this. */
    public Lbfgs maxIter(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("max_iter must be at least 1, got " + value);
        }
        maxIter = value;
        return this;
    }

    /** Sets the most loss evaluations per step; 0 means 1.25·max_iter (PyTorch's default); returns this. */
    public Lbfgs maxEval(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("max_eval must be zero or positive, got " + value);
        }
        maxEval = value;
        return this;
    }

    /** Sets the gradient tolerance: a step stops when max |gᵢ| ≤ it; returns this. */
    public Lbfgs toleranceGrad(double value) {
        toleranceGrad = requireNonNegative("tolerance_grad", value);
        return this;
    }

    /** Sets the tolerance on changes of the loss and of the parameters; returns this. */
    public Lbfgs toleranceChange(double value) {
        toleranceChange = requireNonNegative("tolerance_change", value);
        return this;
    }

    /** Strong-Wolfe line search on (default) or off (fixed steps of η, as PyTorch's default); returns this. */
    public Lbfgs lineSearch(boolean value) {
        lineSearch = value;
        return this;
    }

    /** Sets λ ≥ 0 of the penalty λ/2·‖θ‖² added to the loss; returns this. */
    public Lbfgs weightDecay(double value) {
        weightDecay = requireNonNegative("weight decay", value);
        return this;
    }

    public int historySize() {
        return historySize;
    }

    public int maxIter() {
        return maxIter;
    }

    public int maxEval() {
        return maxEval > 0 ? maxEval : maxIter * 5 / 4;
    }

    public boolean lineSearch() {
        return lineSearch;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public boolean fullBatch() {
        return true;
    }

    /** L-BFGS re-evaluates the loss within a step; use {@link #step(Closure)}. */
    @Override
    public void step() {
        throw new IllegalStateException("L-BFGS re-evaluates the loss during a step: call step(closure)");
    }

    @Override
    public double step(Closure closure) {
        allocate();
        double origLoss = evaluate(closure, flatGrad);
        double loss = origLoss;
        int evals = 1;
        add(funcEvals, 1);
        if (StrongWolfe.maxAbs(flatGrad) <= toleranceGrad) {
            return origLoss;
        }
        double[] d = direction[0].doubles();
        double[] prev = previousGradient[0].doubles();
        double t = stepLength[0].item();
        double lr = learningRate();
        for (int iter = 1; iter <= maxIter; iter++) {
            add(iterations, 1);
            if (iterations[0].item() == 1) {
                for (int i = 0; i < n; i++) {
                    d[i] = -flatGrad[i];
                }
                historyLength[0].set(0, 0);
                hessianDiagonal[0].set(0, 1);
            } else {
                updateHistory(d, prev, t);
                twoLoop(d);
            }
            System.arraycopy(flatGrad, 0, prev, 0, n);
            previousLoss[0].set(0, loss);

            t = iterations[0].item() == 1 ? Math.min(1, 1 / sumAbs(flatGrad)) * lr : lr;
            double gtd = StrongWolfe.dot(flatGrad, d);
            if (gtd > -toleranceChange) {
                break;
            }
            int lineEvals = 0;
            boolean optimal = false;
            if (lineSearch) {
                saveStart();
                search.search((step, gradient) -> {
                    moveFromStart(step, d);
                    return evaluate(closure, gradient);
                }, t, d, loss, flatGrad, gtd, toleranceChange, flatGrad);
                t = search.step;
                loss = search.value;
                lineEvals = search.evaluations;
                moveFromStart(t, d);
                optimal = StrongWolfe.maxAbs(flatGrad) <= toleranceGrad;
            } else {
                moveBy(t, d);
                if (iter != maxIter) {
                    loss = evaluate(closure, flatGrad);
                    optimal = StrongWolfe.maxAbs(flatGrad) <= toleranceGrad;
                    lineEvals = 1;
                }
            }
            evals += lineEvals;
            add(funcEvals, lineEvals);
            if (iter == maxIter || evals >= maxEval() || optimal || Math.abs(t) * StrongWolfe.maxAbs(d) <= toleranceChange
                    || Math.abs(loss - previousLoss[0].item()) < toleranceChange) {
                break;
            }
        }
        stepLength[0].set(0, t);
        return origLoss;
    }

    /** Adds the pair s = t·d, y = g − g_prev to the history when sᵀy > 1e-10, dropping the oldest when full. */
    private void updateHistory(double[] d, double[] prev, double t) {
        double ys = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            y[i] = flatGrad[i] - prev[i];
            s[i] = d[i] * t;
            ys += y[i] * s[i];
        }
        if (!(ys > 1e-10)) {
            return;
        }
        for (int i = 0; i < n; i++) {
            yy += y[i] * y[i];
        }
        int len = (int) historyLength[0].item();
        double[] dirs = oldDirs[0].doubles();
        double[] stps = oldSteps[0].doubles();
        double[] ro = rho[0].doubles();
        if (len == historySize) {
            System.arraycopy(dirs, n, dirs, 0, (historySize - 1) * n);
            System.arraycopy(stps, n, stps, 0, (historySize - 1) * n);
            System.arraycopy(ro, 1, ro, 0, historySize - 1);
            len--;
        }
        System.arraycopy(y, 0, dirs, len * n, n);
        System.arraycopy(s, 0, stps, len * n, n);
        ro[len] = 1 / ys;
        historyLength[0].set(0, len + 1);
        hessianDiagonal[0].set(0, ys / yy);
    }

    /** d = −H·g by the two-loop recursion: q = −g; αᵢ = ρᵢ·sᵢᵀq, q −= αᵢyᵢ (newest first); r = H₀q; r += (αᵢ − ρᵢ·yᵢᵀr)·sᵢ. */
    private void twoLoop(double[] d) {
        int len = (int) historyLength[0].item();
        double[] dirs = oldDirs[0].doubles();
        double[] stps = oldSteps[0].doubles();
        double[] ro = rho[0].doubles();
        double[] al = alpha[0].doubles();
        for (int i = 0; i < n; i++) {
            d[i] = -flatGrad[i];
        }
        for (int k = len - 1; k >= 0; k--) {
            int at = k * n;
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += stps[at + i] * d[i];
            }
            al[k] = dot * ro[k];
            for (int i = 0; i < n; i++) {
                d[i] += -al[k] * dirs[at + i];
            }
        }
        double h = hessianDiagonal[0].item();
        for (int i = 0; i < n; i++) {
            d[i] *= h;
        }
        for (int k = 0; k < len; k++) {
            int at = k * n;
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += dirs[at + i] * d[i];
            }
            double beta = dot * ro[k];
            for (int i = 0; i < n; i++) {
                d[i] += (al[k] - beta) * stps[at + i];
            }
        }
    }

    /** L(θ) + λ/2·‖θ‖² at the current parameters; its gradient goes flat into {@code gradient}. */
    private double evaluate(Closure closure, double[] gradient) {
        double loss = closure.evaluate();
        double penalty = 0;
        int offset = 0;
        for (Variable p : parameters()) {
            Tensor theta = p.data();
            Tensor g = p.grad();
            for (int i = 0; i < theta.size(); i++) {
                double th = theta.get(i);
                gradient[offset + i] = (g == null ? 0 : g.get(i)) + weightDecay * th;
                penalty += th * th;
            }
            offset += theta.size();
        }
        return weightDecay > 0 ? loss + 0.5 * weightDecay * penalty : loss;
    }

    private void saveStart() {
        List<Variable> ps = parameters();
        for (int k = 0; k < ps.size(); k++) {
            start[k].copyFromInPlace(ps.get(k).data());
        }
    }

    /** θ = θ_start + t·d. */
    private void moveFromStart(double t, double[] d) {
        int offset = 0;
        List<Variable> ps = parameters();
        for (int k = 0; k < ps.size(); k++) {
            Tensor theta = ps.get(k).data();
            for (int i = 0; i < theta.size(); i++) {
                theta.set(i, start[k].get(i) + t * d[offset + i]);
            }
            offset += theta.size();
        }
    }

    /** θ ← θ + t·d. */
    private void moveBy(double t, double[] d) {
        int offset = 0;
        for (Variable p : parameters()) {
            Tensor theta = p.data();
            for (int i = 0; i < theta.size(); i++) {
                theta.set(i, theta.get(i) + t * d[offset + i]);
            }
            offset += theta.size();
        }
    }

    /** Creates the state on the first step (all slots at once) and this object's buffers. */
    private void allocate() {
        if (funcEvals[0] == null) {
            for (Tensor[] slot : new Tensor[][] {funcEvals, iterations, stepLength, previousLoss, hessianDiagonal,
                    historyLength}) {
                slot[0] = counter();
            }
            direction[0] = Tensor.zeros(DType.F64, n);
            previousGradient[0] = Tensor.zeros(DType.F64, n);
            oldDirs[0] = Tensor.zeros(DType.F64, historySize, n);
            oldSteps[0] = Tensor.zeros(DType.F64, historySize, n);
            rho[0] = Tensor.zeros(DType.F64, historySize);
            alpha[0] = Tensor.zeros(DType.F64, historySize);
        }
        if (flatGrad == null) {
            flatGrad = new double[n];
            y = new double[n];
            s = new double[n];
            search = new StrongWolfe(n);
            List<Variable> ps = parameters();
            start = new Tensor[ps.size()];
            for (int k = 0; k < ps.size(); k++) {
                start[k] = zerosLike(ps.get(k));
            }
        }
    }

    private static void add(Tensor[] counter, double amount) {
        counter[0].set(0, counter[0].item() + amount);
    }

    private static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s;
    }
}
