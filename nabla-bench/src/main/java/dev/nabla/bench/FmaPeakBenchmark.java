package dev.nabla.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int ITERATIONS = 100_000;
    private final float[] seed = new float[2 * S.length()];

    {
        java.util.Arrays.fill(seed, 0.999f);
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS * 12 * 8 * 2 / 1000) // 12 FMAs of 8 lanes, 2 flops each
    public float fmaChains() {
        FloatVector a = FloatVector.fromArray(S, seed, 0);
        FloatVector b = FloatVector.fromArray(S, seed, S.length());
        FloatVector c0 = a, c1 = b, c2 = a, c3 = b, c4 = a, c5 = b, c6 = a, c7 = b, c8 = a, c9 = b, c10 = a, c11 = b;
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = a.fma(b, c0);
            c1 = a.fma(b, c1);
            c2 = a.fma(b, c2);
            c3 = a.fma(b, c3);
            c4 = a.fma(b, c4);
            c5 = a.fma(b, c5);
            c6 = a.fma(b, c6);
            c7 = a.fma(b, c7);
            c8 = a.fma(b, c8);
            c9 = a.fma(b, c9);
            c10 = a.fma(b, c10);
            c11 = a.fma(b, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
