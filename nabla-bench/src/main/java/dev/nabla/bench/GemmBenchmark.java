package dev.nabla.bench;

import dev.nabla.tensor.kernel.Gemm;
import dev.nabla.tensor.kernel.KernelThreads;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GEMM throughput, {@code C = α·op(A)·op(B) + β·C}. One JMH "operation" is 1,000 floating-point operations and
 * the unit is µs, so the reported ops/µs read directly as GFLOP/s (2·m·n·k flops per product).
 *
 * <p>The MLP shapes are those of a 784→256 {@code Linear} layer (W stored out×in, 256×784) at batch 128:
 * forward Y = X·Wᵀ (NT), input gradient dX = dY·W (NN), weight gradient dW = dYᵀ·X (TN).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GemmBenchmark {
    private static final int BATCH = 128;
    private static final int IN = 784;
    private static final int OUT = 256;
    private static final int SQUARE = 2048;

    @Param({"1", "2"})
    public int threads;

    private float[] squareA;
    private float[] squareB;
    private float[] squareC;
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;
    private double[] squareAd;
    private double[] squareBd;
    private double[] squareCd;

    @Setup(Level.Trial)
    public void setUp() {
        KernelThreads.setThreads(threads);
        SplittableRandom random = new SplittableRandom(42);
        squareA = floats(random, SQUARE * SQUARE);
        squareB = floats(random, SQUARE * SQUARE);
        squareC = new float[SQUARE * SQUARE];
        x = floats(random, BATCH * IN);
        w = floats(random, OUT * IN);
        y = new float[BATCH * OUT];
        dy = floats(random, BATCH * OUT);
        dx = new float[BATCH * IN];
        dw = new float[OUT * IN];
        squareAd = doubles(random, 512 * 512);
        squareBd = doubles(random, 512 * 512);
        squareCd = new double[512 * 512];
    }

    /** 2048³ float32, NN. */
    @Benchmark
    @OperationsPerInvocation(17_179_869) // 2·2048³ / 1000
    public float[] sgemm2048() {
        Gemm.sgemm(false, false, SQUARE, SQUARE, SQUARE, 1f, squareA, 0, SQUARE, squareB, 0, SQUARE,
                0f, squareC, 0, SQUARE);
        return squareC;
    }

    /** Forward Y[128×256] = X[128×784]·W[256×784]ᵀ. */
    @Benchmark
    @OperationsPerInvocation(51_380) // 2·128·256·784 / 1000
    public float[] mlpForwardNT() {
        Gemm.sgemm(false, true, BATCH, OUT, IN, 1f, x, 0, IN, w, 0, IN, 0f, y, 0, OUT);
        return y;
    }

    /** Input gradient dX[128×784] = dY[128×256]·W[256×784]. */
    @Benchmark
    @OperationsPerInvocation(51_380)
    public float[] mlpInputGradNN() {
        Gemm.sgemm(false, false, BATCH, IN, OUT, 1f, dy, 0, OUT, w, 0, IN, 0f, dx, 0, IN);
        return dx;
    }

    /** Weight gradient dW[256×784] = dY[128×256]ᵀ·X[128×784]. */
    @Benchmark
    @OperationsPerInvocation(51_380)
    public float[] mlpWeightGradTN() {
        Gemm.sgemm(true, false, OUT, IN, BATCH, 1f, dy, 0, OUT, x, 0, IN, 0f, dw, 0, IN);
        return dw;
    }

    /** 512³ float64, NN. */
    @Benchmark
    @OperationsPerInvocation(268_435) // 2·512³ / 1000
    public double[] dgemm512() {
        Gemm.dgemm(false, false, 512, 512, 512, 1, squareAd, 0, 512, squareBd, 0, 512, 0, squareCd, 0, 512);
        return squareCd;
    }

    private static float[] floats(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }

    private static double[] doubles(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }
}
