package dev.nabla.bench;

import dev.nabla.tensor.kernel.ActivationsF32;
import dev.nabla.tensor.kernel.ElementwiseF32;
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
 * The fused float32 activation kernels of a linear layer against the plain loops they replace, at the sizes of
 * W1's first layer (128 × 256) and W2's hidden layer (150 × 16): y = f(y + 1bᵀ) forward, dx = dy ⊙ f′ backward.
 * Random signs, so a branchy ReLU pays its mispredictions as it would in training.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActivationBenchmark {
    @Param({"128x256", "150x16"})
    public String shape;

    private int rows;
    private int cols;
    private float[] x;
    private float[] y;
    private float[] b;
    private float[] dy;
    private float[] dx;

    @Setup
    public void setUp() {
        String[] rc = shape.split("x");
        rows = Integer.parseInt(rc[0]);
        cols = Integer.parseInt(rc[1]);
        SplittableRandom rng = new SplittableRandom(3);
        x = new float[rows * cols];
        dy = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextDouble() * 4 - 2);
            dy[i] = (float) (rng.nextDouble() - 0.5);
        }
        b = new float[cols];
        y = new float[x.length];
        dx = new float[x.length];
    }

    @Benchmark
    public float[] biasReluFused() {
        System.arraycopy(x, 0, y, 0, x.length);
        ActivationsF32.biasLeakyRelu(y, b, rows, cols, 0f);
        return y;
    }

    @Benchmark
    public float[] biasReluPlainLoops() {
        dev.nabla.tensor.kernel.RowWiseF32.addRow(x, b, y, rows, cols);
        ElementwiseF32.leakyRelu(y, y, y.length, 0f);
        return y;
    }

    @Benchmark
    public float[] reluBackwardBlend() {
        ActivationsF32.leakyReluBackward(x, dy, dx, x.length, 0f, false);
        return dx;
    }

    @Benchmark
    public float[] reluBackwardBranchy() {
        ElementwiseF32.leakyReluBackward(x, dy, dx, x.length, 0f, false);
        return dx;
    }

    @Benchmark
    public float[] tanhVector() {
        ActivationsF32.tanh(x, y, x.length);
        return y;
    }

    @Benchmark
    public float[] tanhMath() {
        ElementwiseF32.tanh(x, y, x.length);
        return y;
    }
}
