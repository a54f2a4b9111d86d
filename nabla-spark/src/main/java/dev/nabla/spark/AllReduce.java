package dev.nabla.spark;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import dev.nabla.train.RunningMetrics;
import dev.nabla.train.TrainingStep;
import java.util.List;

/**
 * The gradient half of exact data-parallel training: each replica's share s of a batch, with normaliser Wₛ (its rows,
 * or the class weights of its rows), contributes Wₛ·∇Lₛ and Wₛ·Lₛ; the ring sums them with Wₛ, the rows and the
 * rows classified right, and every replica divides by W = Σₛ Wₛ: ∇L = Σₛ Wₛ·∇Lₛ / W, the gradient of the whole
 * batch's mean loss, the same bits on every replica.
 */
final class AllReduce implements TrainingStep.Reduction {
    private static final int TAIL = 4;

    private final Ring ring;
    private final List<Variable> parameters;
    private final Objective objective;
    private final boolean classes;
    private final float[] f;
    private final double[] d;
    private final int size;
    private long rows;
    private long correct;

    AllReduce(Ring ring, List<Variable> parameters, Objective objective, boolean classes) {
        this.ring = ring;
        this.parameters = parameters;
        this.objective = objective;
        this.classes = classes;
        int n = 0;
        for (Variable p : parameters) {
            n += p.data().size();
        }
        this.size = n;
        boolean f64 = parameters.get(0).data().dtype() == DType.F64;
        this.f = f64 ? null : new float[n + TAIL];
        this.d = f64 ? new double[n + TAIL] : null;
    }

    @Override
    public double reduce(double loss, Tensor outputs, Batch share) {
        double w = share.size() == 0 ? 0 : objective.normalizer(share);
        int right = classes && share.size() > 0 ? RunningMetrics.correct(outputs, share) : 0;
        double[] tail = {w == 0 ? 0 : w * loss, w, share.size(), right};
        double[] sums = f != null ? sumF32(w, tail) : sumF64(w, tail);
        rows = (long) sums[2];
        correct = (long) sums[3];
        return sums[0] / sums[1];
    }

    private double[] sumF32(double w, double[] tail) {
        float scale = (float) w;
        int k = 0;
        for (Variable p : parameters) {
            float[] g = p.gradBuffer().floats();
            for (int i = 0; i < g.length; i++) {
                f[k++] = scale * g[i];
            }
        }
        for (int t = 0; t < TAIL; t++) {
            f[size + t] = (float) tail[t];
        }
        ring.sum(f);
        float total = f[size + 1];
        k = 0;
        for (Variable p : parameters) {
            float[] g = p.gradBuffer().floats();
            for (int i = 0; i < g.length; i++) {
                g[i] = f[k++] / total;
            }
        }
        return new double[] {f[size], f[size + 1], f[size + 2], f[size + 3]};
    }

    private double[] sumF64(double w, double[] tail) {
        int k = 0;
        for (Variable p : parameters) {
            double[] g = p.gradBuffer().doubles();
            for (int i = 0; i < g.length; i++) {
                d[k++] = w * g[i];
            }
        }
        System.arraycopy(tail, 0, d, size, TAIL);
        ring.sum(d);
        double total = d[size + 1];
        k = 0;
        for (Variable p : parameters) {
            double[] g = p.gradBuffer().doubles();
            for (int i = 0; i < g.length; i++) {
                g[i] = d[k++] / total;
            }
        }
        return new double[] {d[size], d[size + 1], d[size + 2], d[size + 3]};
    }

    /** Rows of the last batch, over all replicas. */
    long rows() {
        return rows;
    }

    /** Rows of the last batch classified right before the update, over all replicas. */
    long correct() {
        return correct;
    }
}
