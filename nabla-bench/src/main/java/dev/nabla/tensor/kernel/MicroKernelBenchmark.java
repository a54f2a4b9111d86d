package dev.nabla.tensor.kernel;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The float32 micro-kernel alone, {@code tile = Ã·B̃} over packed panels, without the blocked driver
 * around it: a 36-panel A block (L2) against 128 B panels, KC = 256, as {@link Sgemm} streams them. It
 * lives in the kernel's package (in this module) because the micro-kernel is package-private.
 * One operation is 1,000 flops, so ops/µs read as GFLOP/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MicroKernelBenchmark {
    private static final int KC = 256;
    private static final int A_PANELS = 36;
    private static final int B_PANELS = 128;
    private float[] ap;
    private float[] bp;
    private final float[] tile = new float[SgemmKernel.MR * SgemmKernel.NR];

    @Setup
    public void setUp() {
        ap = new float[SgemmKernel.MR * KC * A_PANELS];
        bp = new float[SgemmKernel.NR * KC * B_PANELS];
        for (int i = 0; i < ap.length; i++) {
            ap[i] = (i % 7) * 0.01f;
        }
        for (int i = 0; i < bp.length; i++) {
            bp[i] = (i % 5) * 0.01f;
        }
    }

    /** Every A panel against every B panel: 36 · 128 tiles of 4 × 16 × 256 multiply-adds (AVX2 sizes). */
    @Benchmark
    @OperationsPerInvocation(36 * 128 * 2 * 4 * 16 * 256 / 1000)
    public float[] tiles() {
        for (int j = 0; j < B_PANELS; j++) {
            for (int i = 0; i < A_PANELS; i++) {
                SgemmKernel.multiply(KC, ap, i * SgemmKernel.MR * KC, bp, j * SgemmKernel.NR * KC, tile);
            }
        }
        return tile;
    }
}
