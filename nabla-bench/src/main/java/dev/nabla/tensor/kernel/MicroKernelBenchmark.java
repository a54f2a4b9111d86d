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
 * around it: a block of 144 rows of A (L2) against 512 columns of B in panels, KC = 256, as {@link Sgemm} streams
 * them; the panel counts follow the register tile of this machine, the flops do not. It
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
    private static final int ROWS = 144;
    private static final int COLUMNS = 512;
    private static final int A_PANELS = ROWS / SgemmKernel.MR;
    private static final int B_PANELS = COLUMNS / SgemmKernel.NR;
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

    /** Every A panel against every B panel: 144 × 512 × 256 multiply-adds, whatever the tile. */
    @Benchmark
    @OperationsPerInvocation(ROWS * COLUMNS * 2 * KC / 1000)
    public float[] tiles() {
        for (int j = 0; j < B_PANELS; j++) {
            for (int i = 0; i < A_PANELS; i++) {
                SgemmKernel.multiply(KC, ap, i * SgemmKernel.MR * KC, bp, j * SgemmKernel.NR * KC, SgemmKernel.NR,
                        tile);
            }
        }
        return tile;
    }
}
