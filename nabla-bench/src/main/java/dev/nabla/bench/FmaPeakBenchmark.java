package dev.nabla.bench;

import dev.nabla.bench.workload.FmaCeiling;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's float32 FMA ceiling as the JVM reaches it: twelve independent FMA chains of the preferred vectors
 * (the GEMM's: 512-bit on AVX-512, 256-bit on AVX2), nothing else. GEMM figures are quoted as a fraction of this,
 * measured in the same run. One operation is 1,000 flops, so ops/µs read as GFLOP/s (per thread; run with
 * {@code -t 2} for both cores); the iteration count is scaled by the lane count so that an invocation does the same
 * flops on every machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaPeakBenchmark {
    /** Flops per invocation ÷ 1,000 when the vectors have 16 lanes. */
    private static final int ITERATIONS = 100_000;
    private static final int SCALED = ITERATIONS * 16 / FmaCeiling.LANES;
    /** Read from a field, so the JIT cannot fold the chains into constants. */
    private final float[] seed = {0.999f, 0.998f};

    @Benchmark
    @OperationsPerInvocation(ITERATIONS * FmaCeiling.CHAINS * 16 * 2 / 1000) // 12 FMAs of 16 lanes (or twice as many of 8)
    public float fmaChains() {
        return FmaCeiling.chains(seed[0], seed[1], SCALED);
    }
}
