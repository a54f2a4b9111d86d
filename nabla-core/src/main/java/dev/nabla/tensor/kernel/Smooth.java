package dev.nabla.tensor.kernel;

/**
 * The smooth activations whose derivative needs the input x, and their float64 loops: each evaluated from IEEE
 * arithmetic, {@link Math#exp}, {@link Math#tanh} and {@link Erf} to float64 precision, the same bits interpreted
 * and compiled. Float32 arrays take {@link SmoothF32}'s faster polynomials. {@code p} is the activation's parameter
 * (ELU's α; ignored by the others). {@code acc} selects {@code dx += …} over {@code dx = …}.
 */
public enum Smooth {
    /** x·Φ(x), Φ(x) = ½ erfc(−x/√2). */
    GELU,
    /** ½x(1 + tanh u) = x·σ(2u), u = √(2/π)(x + 0.044715x³); the σ form keeps its precision where tanh u nears −1. */
    GELU_TANH,
    /** x·σ(x). */
    SILU,
    /** x for x > 0, α(eˣ − 1) otherwise. */
    ELU,
    /** log(1 + eˣ) for x ≤ 20, x above. */
    SOFTPLUS;

    private static final double FRAC_1_SQRT_2 = 0.7071067811865476;
    private static final double FRAC_1_SQRT_2PI = 0.3989422804014327;
    private static final double SQRT_2_OVER_PI = 0.7978845608028654;
    private static final double GELU_CUBIC = 0.044715;
    private static final double SOFTPLUS_THRESHOLD = 20;

    /** f(x). */
    public double value(double x, double p) {
        return switch (this) {
            case GELU -> x * phi(x);
            case GELU_TANH -> x * sigmoid(2 * SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
            case SILU -> x * sigmoid(x);
            case ELU -> x > 0 ? x : p * Math.expm1(x);
            case SOFTPLUS -> x > SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x));
        };
    }

    /** f′(x). */
    public double derivative(double x, double p) {
        return switch (this) {
            case GELU -> phi(x) + x * FRAC_1_SQRT_2PI * Math.exp(-0.5 * x * x);
            case GELU_TANH -> {
                double s = sigmoid(2 * SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
                yield s + 2 * x * (s * (1 - s)) * (SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * (x * x)));
            }
            case SILU -> {
                double s = sigmoid(x);
                yield s * (1 + x * (1 - s));
            }
            case ELU -> x > 0 ? 1 : p * Math.exp(x);
            case SOFTPLUS -> x > SOFTPLUS_THRESHOLD ? 1 : sigmoid(x);
        };
    }

    /** Φ(x), the standard normal distribution function, without cancellation in the lower tail. */
    private static double phi(double x) {
        return 0.5 * Erf.erfc(-x * FRAC_1_SQRT_2);
    }

    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** y = f(x) for the first n elements (y may be x). */
    public void forward(double[] x, double[] y, int n, double p) {
        for (int i = 0; i < n; i++) {
            y[i] = value(x[i], p);
        }
    }

    /** dx (+)= dy ⊙ f′(x). */
    public void backward(double[] x, double[] dy, double[] dx, int n, double p, boolean acc) {
        for (int i = 0; i < n; i++) {
            double g = dy[i] * derivative(x[i], p);
            dx[i] = acc ? dx[i] + g : g;
        }
    }
}
