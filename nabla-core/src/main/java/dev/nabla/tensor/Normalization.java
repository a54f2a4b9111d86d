package dev.nabla.tensor;

import dev.nabla.tensor.kernel.BatchNormF32;
import dev.nabla.tensor.kernel.DropoutMask;
import dev.nabla.tensor.kernel.NormalizationF32;
import dev.nabla.tensor.kernel.NormalizationF64;

/**
 * Batch and layer normalisation of a matrix Z [rows, features], and dropout masks. Per-feature vectors (μ, σ², r,
 * γ, β) have shape [features]; per-row ones (layer norm's r) shape [rows]. Arguments named {@code out}, {@code xhat},
 * {@code mean}, {@code variance}, {@code r}, {@code dz}, {@code dgamma}, {@code dbeta}, {@code s1}, {@code s2},
 * {@code mask} and the running statistics in {@link #updateRunning} are written; the others are only read.
 */
public final class Normalization {
    private Normalization() {
    }

    /** μ_j = (1/N)Σ_i z_ij, σ²_j = (1/N)Σ_i (z_ij − μ_j)² (biased), and r_j = 1/√(σ²_j + ε). */
    public static void batchStatistics(Tensor z, double eps, Tensor mean, Tensor variance, Tensor r) {
        Shapes.requireMatrix("batch norm", z);
        Shapes.requireRowVector("batch norm", z, mean);
        Shapes.requireRowVector("batch norm", z, variance);
        Shapes.requireRowVector("batch norm", z, r);
        if (z.dtype() == DType.F32) {
            BatchNormF32.columnMeanVariance(z.floats(), z.rows(), z.cols(), mean.floats(), variance.floats());
            NormalizationF32.inverseStd(variance.floats(), eps, r.floats(), z.cols());
        } else {
            NormalizationF64.columnMeanVariance(z.doubles(), z.rows(), z.cols(), mean.doubles(), variance.doubles());
            NormalizationF64.inverseStd(variance.doubles(), eps, r.doubles(), z.cols());
        }
    }

    /** r_j = 1/√(σ²_j + ε) for given variances (the running ones, in evaluation). */
    public static void inverseStd(Tensor variance, double eps, Tensor r) {
        Shapes.requireSame("batch norm", variance, r);
        if (r.dtype() == DType.F32) {
            NormalizationF32.inverseStd(variance.floats(), eps, r.floats(), r.size());
        } else {
            NormalizationF64.inverseStd(variance.doubles(), eps, r.doubles(), r.size());
        }
    }

    /** μ_run ← (1 − m)·μ_run + m·μ, σ²_run ← (1 − m)·σ²_run + m·σ²·N/(N − 1) for a batch of {@code rows} rows. */
    public static void updateRunning(Tensor mean, Tensor variance, int rows, double momentum, Tensor runningMean,
            Tensor runningVariance) {
        Shapes.requireSame("batch norm", mean, runningMean);
        Shapes.requireSame("batch norm", variance, runningVariance);
        int n = mean.size();
        if (mean.dtype() == DType.F32) {
            NormalizationF32.updateRunning(mean.floats(), variance.floats(), rows, momentum, runningMean.floats(),
                    runningVariance.floats(), n);
        } else {
            NormalizationF64.updateRunning(mean.doubles(), variance.doubles(), rows, momentum, runningMean.doubles(),
                    runningVariance.doubles(), n);
        }
    }

    /** x̂_ij = (z_ij − μ_j)·r_j and out_ij = γ_j·x̂_ij + β_j. */
    public static void normalizeColumns(Tensor z, Tensor mean, Tensor r, Tensor gamma, Tensor beta, Tensor xhat,
            Tensor out) {
        Shapes.requireMatrix("batch norm", z);
        Shapes.requireRowVector("batch norm", z, mean);
        Shapes.requireRowVector("batch norm", z, r);
        Shapes.requireRowVector("batch norm", z, gamma);
        Shapes.requireRowVector("batch norm", z, beta);
        Shapes.requireSame("batch norm", z, xhat);
        Shapes.requireSame("batch norm", z, out);
        if (z.dtype() == DType.F32) {
            BatchNormF32.normalizeColumns(z.floats(), mean.floats(), r.floats(), gamma.floats(), beta.floats(),
                    xhat.floats(), out.floats(), z.rows(), z.cols());
        } else {
            NormalizationF64.normalizeColumns(z.doubles(), mean.doubles(), r.doubles(), gamma.doubles(), beta.doubles(),
                    xhat.doubles(), out.doubles(), z.rows(), z.cols());
        }
    }

    /**
     * Batch-norm backward: s1 = Σ_i ȳ_i (β̄), s2 = Σ_i ȳ_i ⊙ x̂_i (γ̄), and dz (+)= γ ⊙ r ⊙ (ȳ − s1/N − x̂ ⊙ s2/N)
     * for batch statistics, dz (+)= γ ⊙ r ⊙ ȳ for fixed ones.
     */
    public static void batchNormBackward(Tensor dy, Tensor xhat, Tensor gamma, Tensor r, boolean batchStatistics,
            Tensor s1, Tensor s2, Tensor dz, boolean acc) {
        Shapes.requireSame("batch norm backward", dy, xhat);
        Shapes.requireSame("batch norm backward", dy, dz);
        Shapes.requireRowVector("batch norm backward", dy, gamma);
        Shapes.requireRowVector("batch norm backward", dy, r);
        Shapes.requireRowVector("batch norm backward", dy, s1);
        Shapes.requireRowVector("batch norm backward", dy, s2);
        if (dy.dtype() == DType.F32) {
            BatchNormF32.batchNormBackward(dy.floats(), xhat.floats(), gamma.floats(), r.floats(), batchStatistics,
                    s1.floats(), s2.floats(), dz.floats(), acc, dy.rows(), dy.cols());
        } else {
            NormalizationF64.batchNormBackward(dy.doubles(), xhat.doubles(), gamma.doubles(), r.doubles(),
                    batchStatistics, s1.doubles(), s2.doubles(), dz.doubles(), acc, dy.rows(), dy.cols());
        }
    }

    /** Per row: x̂_i = (z_i − μ_i)·r_i with r_i = 1/√(σ²_i + ε) (kept in r [rows]), out_ij = γ_j·x̂_ij + β_j. */
    public static void layerNorm(Tensor z, Tensor gamma, Tensor beta, double eps, Tensor xhat, Tensor r, Tensor out) {
        Shapes.requireMatrix("layer norm", z);
        Shapes.requireRowVector("layer norm", z, gamma);
        Shapes.requireRowVector("layer norm", z, beta);
        Shapes.requireSame("layer norm", z, xhat);
        Shapes.requireSame("layer norm", z, out);
        if (r.size() != z.rows() || r.dtype() != z.dtype()) {
            throw new ShapeException("layer norm: " + z.shapeString() + " needs " + z.rows() + " row statistics, got "
                    + r.shapeString() + " " + r.dtype());
        }
        if (z.dtype() == DType.F32) {
            NormalizationF32.layerNorm(z.floats(), gamma.floats(), beta.floats(), eps, xhat.floats(), r.floats(),
                    out.floats(), z.rows(), z.cols());
        } else {
            NormalizationF64.layerNorm(z.doubles(), gamma.doubles(), beta.doubles(), eps, xhat.doubles(), r.doubles(),
                    out.doubles(), z.rows(), z.cols());
        }
    }

    /** Layer-norm backward: dgamma += Σ_i ȳ_i ⊙ x̂_i, dbeta += Σ_i ȳ_i, dz (+)= r_i·(ĝ_i − mean(ĝ_i) − x̂_i·mean(ĝ_i ⊙ x̂_i)). */
    public static void layerNormBackward(Tensor dy, Tensor xhat, Tensor gamma, Tensor r, Tensor dgamma, Tensor dbeta,
            Tensor dz, boolean acc) {
        Shapes.requireSame("layer norm backward", dy, xhat);
        Shapes.requireSame("layer norm backward", dy, dz);
        Shapes.requireRowVector("layer norm backward", dy, gamma);
        Shapes.requireRowVector("layer norm backward", dy, dgamma);
        Shapes.requireRowVector("layer norm backward", dy, dbeta);
        if (dy.dtype() == DType.F32) {
            NormalizationF32.layerNormBackward(dy.floats(), xhat.floats(), gamma.floats(), r.floats(), dgamma.floats(),
                    dbeta.floats(), dz.floats(), acc, dy.rows(), dy.cols());
        } else {
            NormalizationF64.layerNormBackward(dy.doubles(), xhat.doubles(), gamma.doubles(), r.doubles(),
                    dgamma.doubles(), dbeta.doubles(), dz.doubles(), acc, dy.rows(), dy.cols());
        }
    }

    /**
     * An inverted dropout mask: each element 1/(1 − p) with probability 1 − p and 0 otherwise, drawn from a generator
     * that depends on (seed, step) and the element's index only ({@link DropoutMask}).
     *
     * @throws IllegalArgumentException for a rate outside [0, 1)
     */
    public static void dropoutMask(long seed, long step, double rate, Tensor mask) {
        dropoutMask(seed, step, rate, mask, null);
    }

    /**
     * The rows of a larger batch's mask: row i of {@code mask} [rows, features] is row {@code rows[i]} of the mask
     * {@link #dropoutMask(long, long, double, Tensor)} draws for the whole batch (null: rows 0, 1, …) — so that a
     * data-parallel replica's share of a batch draws what the whole batch draws for its rows.
     */
    public static void dropoutMask(long seed, long step, double rate, Tensor mask, int[] rows) {
        double scale = 1 / (1 - requireDropoutRate(rate));
        boolean f32 = mask.dtype() == DType.F32;
        if (rows == null) {
            if (f32) {
                DropoutMask.fill(seed, step, rate, (float) scale, mask.floats(), mask.size());
            } else {
                DropoutMask.fill(seed, step, rate, scale, mask.doubles(), 0, mask.size(), 0);
            }
            return;
        }
        int cols = mask.rank() == 2 ? mask.cols() : mask.size();
        int n = mask.size() / Math.max(1, cols);
        for (int i = 0; i < n; i++) {
            if (f32) {
                DropoutMask.fill(seed, step, rate, (float) scale, mask.floats(), i * cols, cols, rows[i] * cols);
            } else {
                DropoutMask.fill(seed, step, rate, scale, mask.doubles(), i * cols, cols, rows[i] * cols);
            }
        }
    }

    /** Returns a dropout rate p in [0, 1), or refuses it naming the value. */
    public static double requireDropoutRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must lie in [0, 1), got " + rate);
        }
        return rate;
    }
}
