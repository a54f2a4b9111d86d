package dev.nabla.bench;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Normalization;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The float32 batch-norm and dropout kernels on W1's first hidden layer (128 rows × 256 features), against an
 * elementwise pass over the same matrix as the floor: batch statistics with normalisation, the backward pass, and a
 * dropout mask with its multiply.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class NormalizationBenchmark {
    private static final int ROWS = 128;
    private static final int COLS = 256;
    private final Tensor z = Tensor.zeros(DType.F32, ROWS, COLS);
    private final Tensor dy = Tensor.zeros(DType.F32, ROWS, COLS);
    private final Tensor xhat = Tensor.zeros(DType.F32, ROWS, COLS);
    private final Tensor y = Tensor.zeros(DType.F32, ROWS, COLS);
    private final Tensor mask = Tensor.zeros(DType.F32, ROWS, COLS);
    private final Tensor mean = Tensor.zeros(DType.F32, COLS);
    private final Tensor variance = Tensor.zeros(DType.F32, COLS);
    private final Tensor r = Tensor.zeros(DType.F32, COLS);
    private final Tensor gamma = Tensor.full(DType.F32, 1.5, COLS);
    private final Tensor beta = Tensor.full(DType.F32, 0.25, COLS);
    private final Tensor s1 = Tensor.zeros(DType.F32, COLS);
    private final Tensor s2 = Tensor.zeros(DType.F32, COLS);
    private long step;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < z.size(); i++) {
            z.set(i, rng.nextGaussian() * 2 + 1);
            dy.set(i, rng.nextGaussian());
        }
    }

    /** The floor: out = a ⊙ b over the matrix. */
    @Benchmark
    public Tensor multiply() {
        Pointwise.mul(z, dy, y, false);
        return y;
    }

    @Benchmark
    public Tensor batchNormForward() {
        Normalization.batchStatistics(z, 1e-5, mean, variance, r);
        Normalization.normalizeColumns(z, mean, r, gamma, beta, xhat, y);
        return y;
    }

    @Benchmark
    public Tensor batchNormBackward() {
        Normalization.batchNormBackward(dy, xhat, gamma, r, true, s1, s2, y, false);
        return y;
    }

    @Benchmark
    public Tensor dropoutForward() {
        Normalization.dropoutMask(7, step++, 0.3, mask);
        Pointwise.mul(z, mask, y, false);
        return y;
    }
}
