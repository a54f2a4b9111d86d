package dev.nabla.spark;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Simd;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Objective;
import dev.nabla.train.RunningMetrics;
import dev.nabla.train.TrainingStep;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The gradient half of exact data-parallel training: each replica's share s of a batch, with normaliser Wₛ (its rows,
 * or the class weights of its rows), contributes Wₛ·∇Lₛ and Wₛ·Lₛ; the ring sums them with Wₛ, the rows and the
 * rows classified right, and every replica divides by W = Σₛ Wₛ: ∇L = Σₛ Wₛ·∇Lₛ / W, the gradient of the whole
 * batch's mean loss, the same bits on every replica.
 */
final class AllReduce implements TrainingStep.Reduction {
    /** Whether the element-wise loops run on vectors first ({@link VectorSums}). */
    private static final boolean VECTORS = Simd.enabled();
    /** Values summed after the gradient: Σ W·L, Σ W, rows, rows right (also {@link PartitionGradient}'s layout). */
    static final int TAIL = 4;

    private final Ring ring;
    private final List<Variable> parameters;
    private final Objective objective;
    private final boolean classes;
    private final boolean f64;
    private final Ring.Buffer buffer;
    private final MemorySegment memory;
    private final int size;
    private double lossSum;
    private double weightSum;
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
        this.f64 = parameters.get(0).data().dtype() == DType.F64;
        this.buffer = new Ring.Buffer((n + TAIL) * (f64 ? Double.BYTES : Float.BYTES));
        this.memory = buffer.memory();
    }

    @Override
    public double reduce(double loss, Tensor outputs, Batch share) {
        double w = share.size() == 0 ? 0 : objective.normalizer(share);
        int right = classes && share.size() > 0 ? RunningMetrics.correct(outputs, share) : 0;
        if (f64) {
            sumF64(w, w == 0 ? 0 : w * loss, share.size(), right);
        } else {
            sumF32(w, w == 0 ? 0 : w * loss, share.size(), right);
        }
        return lossSum / weightSum;
    }

    /**
     * ∇L = Σₛ Wₛ·∇Lₛ / W: each parameter's gradient from the summed terms at the start of {@code sums} (floats, the
     * division by total rounded to float, or doubles), vectors first where the Vector API is in use.
     */
    static void divide(List<Variable> parameters, MemorySegment sums, double total, boolean f64) {
        long at = 0;
        for (Variable p : parameters) {
            if (f64) {
                double[] g = p.gradBuffer().doubles();
                int i = VECTORS ? VectorSums.divide(sums, at, total, g) : 0;
                for (; i < g.length; i++) {
                    g[i] = sums.get(Ring.DOUBLE, at + i * 8L) / total;
                }
                at += g.length * 8L;
            } else {
                float[] g = p.gradBuffer().floats();
                float t = (float) total;
                int i = VECTORS ? VectorSums.divide(sums, at, t, g) : 0;
                for (; i < g.length; i++) {
                    g[i] = sums.get(Ring.FLOAT, at + i * 4L) / t;
                }
                at += g.length * 4L;
            }
        }
    }

    private void sumF32(double w, double loss, int n, int right) {
        float scale = (float) w;
        long at = 0;
        for (Variable p : parameters) {
            float[] g = p.gradBuffer().floats();
            int i = VECTORS ? VectorSums.scale(g, scale, memory, at) : 0;
            for (; i < g.length; i++) {
                memory.set(Ring.FLOAT, at + i * 4L, scale * g[i]);
            }
            at += g.length * 4L;
        }
        memory.set(Ring.FLOAT, at, (float) loss);
        memory.set(Ring.FLOAT, at + 4, (float) w);
        memory.set(Ring.FLOAT, at + 8, (float) n);
        memory.set(Ring.FLOAT, at + 12, (float) right);
        ring.sum(buffer, size + TAIL, false);
        float total = memory.get(Ring.FLOAT, at + 4);
        divide(parameters, memory, total, false);
        lossSum = memory.get(Ring.FLOAT, at);
        weightSum = total;
        rows = (long) memory.get(Ring.FLOAT, at + 8);
        correct = (long) memory.get(Ring.FLOAT, at + 12);
    }

    private void sumF64(double w, double loss, int n, int right) {
        long at = 0;
        for (Variable p : parameters) {
            double[] g = p.gradBuffer().doubles();
            int i = VECTORS ? VectorSums.scale(g, w, memory, at) : 0;
            for (; i < g.length; i++) {
                memory.set(Ring.DOUBLE, at + i * 8L, w * g[i]);
            }
            at += g.length * 8L;
        }
        memory.set(Ring.DOUBLE, at, loss);
        memory.set(Ring.DOUBLE, at + 8, w);
        memory.set(Ring.DOUBLE, at + 16, n);
        memory.set(Ring.DOUBLE, at + 24, right);
        ring.sum(buffer, size + TAIL, true);
        double total = memory.get(Ring.DOUBLE, at + 8);
        divide(parameters, memory, total, true);
        lossSum = memory.get(Ring.DOUBLE, at);
        weightSum = total;
        rows = (long) memory.get(Ring.DOUBLE, at + 16);
        correct = (long) memory.get(Ring.DOUBLE, at + 24);
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
