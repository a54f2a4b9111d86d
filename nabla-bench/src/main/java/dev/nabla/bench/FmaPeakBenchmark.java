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
 * The machine's float32 FMA ceiling as the JVM reaches it: twelve independent FMA chains of 256-bit (AVX2)
 * vectors, nothing else. GEMM figures are quoted as a fraction of this, measured in the same run (on
 * AVX-512 machines the GEMM uses 512-bit vectors: compare with care).
 * One operation is 1,000 flops, so ops/µs read as GFLOP/s (per thread; run with {@code -t 2} for both cores).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaPeakBenchmark {
    private static final int ITERATIONS = 100_000;
    /** Read from a field, so the JIT cannot fold the chains into constants. */
    private final float[] seed = {0.999f, 0.998f};

    @Benchmark
    @OperationsPerInvocation(ITERATIONS * 12 * 8 * 2 / 1000) // 12 FMAs of 8 lanes, 2 flops each
    public float fmaChains() {
        return FmaCeiling.chains(seed[0], seed[1], ITERATIONS);
    }
}
