package dev.nabla.bench;

import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One activation's forward and backward pass over a float32 128 × 256 matrix (W1's first hidden layer). Long warm-up:
 * until C2 compiles them, Vector API loops run as plain Java that allocates every vector (seconds per call).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SmoothActivationBenchmark {
    @Param({"relu", "tanh", "gelu", "gelu_tanh", "silu", "elu", "softplus"})
    public String activation;

    private Activation f;
    private final Tensor x = Tensor.zeros(DType.F32, 128, 256);
    private final Tensor y = Tensor.zeros(DType.F32, 128, 256);
    private final Tensor dy = Tensor.full(DType.F32, 0.5, 128, 256);
    private final Tensor dx = Tensor.zeros(DType.F32, 128, 256);

    @Setup
    public void setUp() {
        f = Activation.fromId(activation);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, rng.nextGaussian() * 2);
        }
    }

    @Benchmark
    public Tensor forwardAndBackward() {
        Pointwise.activate(f, f.defaultParameter(), x, y);
        Pointwise.activationBackward(f, f.defaultParameter(), x, y, dy, dx, false);
        return dx;
    }
}
