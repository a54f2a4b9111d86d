package dev.nabla.data;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Locale;

/**
 * Per-column affine preprocessing x′ = (x − shift) / scale, fitted on training rows only and stored with a
 * model so that prediction applies exactly the same transform.
 *
 * @param kind  how shift and scale were fitted
 * @param shift per-column shift (mean, or minimum)
 * @param scale per-column divisor (standard deviation, or max − min); never zero
 */
public record Scaling(Kind kind, float[] shift, float[] scale) {

    /** How a {@link Scaling} is fitted. */
    public enum Kind {
        /** shift = mean, scale = population standard deviation. */
        STANDARD,
        /** shift = min, scale = max − min, so training columns map onto [0, 1]. */
        MINMAX,
        /** shift = 0, scale = 1. */
        NONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromId(String id) {
            for (Kind k : values()) {
                if (k.id().equalsIgnoreCase(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown scaling '" + id + "'; expected standard, minmax or none");
        }
    }

    public Scaling {
        if (shift.length != scale.length) {
            throw new IllegalArgumentException("scaling: " + shift.length + " shifts but " + scale.length + " scales");
        }
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] != 0 && Float.isFinite(scale[j]) && Float.isFinite(shift[j]))) {
                throw new IllegalArgumentException("scaling: column " + j + " has shift " + shift[j] + ", scale " + scale[j]);
            }
        }
        shift = shift.clone();
        scale = scale.clone();
    }

    /** Fits on the columns of {@code x} [rows, columns]. Constant columns get scale 1. */
    public static Scaling fit(Kind kind, Tensor x) {
        boolean[] all = new boolean[x.cols()];
        java.util.Arrays.fill(all, true);
        return fit(kind, x, all);
    }

    /** Fits on the columns of {@code x} where {@code scaled} is true; the others (0/1 columns, codes) pass as they are. */
    public static Scaling fit(Kind kind, Tensor x, boolean[] scaled) {
        if (scaled.length != x.cols()) {
            throw new IllegalArgumentException(scaled.length + " flags for " + x.cols() + " columns");
        }
        int n = x.rows();
        int d = x.cols();
        float[] shift = new float[d];
        float[] scale = new float[d];
        java.util.Arrays.fill(scale, 1f);
        if (kind == Kind.NONE || n == 0) {
            return new Scaling(kind, shift, scale);
        }
        // Column sums in double, read straight from the tensor: an F64 copy of Fashion-MNIST would be 340 MB.
        float[] f = x.dtype() == DType.F32 ? x.floats() : null;
        double[] g = f == null ? x.doubles() : null;
        java.util.function.IntToDoubleFunction v = f != null ? i -> f[i] : i -> g[i];
        for (int j = 0; j < d; j++) {
            if (!scaled[j]) {
                continue;
            }
            double a;
            double b;
            if (kind == Kind.STANDARD) {
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += v.applyAsDouble(i * d + j);
                }
                mean /= n;
                double var = 0;
                for (int i = 0; i < n; i++) {
                    double t = v.applyAsDouble(i * d + j) - mean;
                    var += t * t;
                }
                a = mean;
                b = Math.sqrt(var / n);
            } else {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    min = Math.min(min, v.applyAsDouble(i * d + j));
                    max = Math.max(max, v.applyAsDouble(i * d + j));
                }
                a = min;
                b = max - min;
            }
            shift[j] = (float) a;
            scale[j] = spread(b);
        }
        return new Scaling(kind, shift, scale);
    }

    /**
     * The scaling made from column statistics computed elsewhere (in parallel, say): for {@code STANDARD} the means
     * and population standard deviations, for {@code MINMAX} the minima and the ranges, as {@link #fit} computes
     * them; a column whose spread is zero (constant) keeps scale 1.
     */
    public static Scaling of(Kind kind, double[] centre, double[] spread) {
        float[] shift = new float[centre.length];
        float[] scale = new float[centre.length];
        for (int j = 0; j < centre.length; j++) {
            shift[j] = kind == Kind.NONE ? 0 : (float) centre[j];
            scale[j] = kind == Kind.NONE ? 1 : spread(spread[j]);
        }
        return new Scaling(kind, shift, scale);
    }

    private static float spread(double b) {
        return b > 1e-12 ? (float) b : 1f;
    }

    /** Number of columns. */
    public int columns() {
        return shift.length;
    }

    /** x′ = (x − shift) / scale for column {@code j}. */
    public float apply(float x, int j) {
        return (x - shift[j]) / scale[j];
    }

    /** x = x′·scale + shift for column {@code j}. */
    public float invert(float scaled, int j) {
        return scaled * scale[j] + shift[j];
    }

    /** A new float32 tensor (x − shift) / scale. */
    public Tensor apply(Tensor x) {
        if (x.cols() != columns()) {
            throw new IllegalArgumentException("scaling fitted on " + columns() + " columns, got " + x.shapeString());
        }
        float[] in = x.to(DType.F32).floats();
        float[] out = new float[in.length];
        int d = columns();
        for (int i = 0; i < in.length; i++) {
            out[i] = apply(in[i], i % d);
        }
        return Tensor.wrap(out, x.rows(), d);
    }

    /** The inverse x = x′·scale + shift, into a new float32 tensor. */
    public Tensor invert(Tensor scaled) {
        float[] in = scaled.to(DType.F32).floats();
        float[] out = new float[in.length];
        int d = columns();
        for (int i = 0; i < in.length; i++) {
            out[i] = invert(in[i], i % d);
        }
        return Tensor.wrap(out, scaled.rows(), d);
    }
}
