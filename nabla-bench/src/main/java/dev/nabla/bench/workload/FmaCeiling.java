package dev.nabla.bench.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 FMA ceiling as the JVM reaches it on this machine — {@value #CHAINS} independent FMA chains of the
 * preferred vectors (the GEMM's, 512-bit on AVX-512 and 256-bit on AVX2) per thread and nothing else — and the
 * theoretical peak cores × 2 FMA units × lanes × 2 flops × nominal clock.
 *
 * <p>Twelve chains: two FMA units of latency four need eight in flight; twelve accumulators and two operands fit
 * in the 16 registers of AVX2 without a spill, and on AVX-512 (32 registers) more chains measured no faster.
 */
public final class FmaCeiling {
    /** The GEMM's species, so that the ceiling and the GEMM count the same lanes. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    public static final int LANES = S.length();
    /** Independent FMA chains per thread. */
    public static final int CHAINS = 12;
    /** Flops of one iteration of {@link #chains}: one FMA (2 flops) per lane of each chain. */
    public static final int FLOPS_PER_ITERATION = CHAINS * LANES * 2;
    /** Iterations per call: short calls, so that C2 compiles the whole method rather than an OSR loop. */
    private static final int ITERATIONS = 20_000;
    private static final int CALLS = 100;

    private FmaCeiling() {
    }

    /**
     * GFLOP/s of {@code threads} threads running the chains at once: the best of 5 rounds after a warm-up, since a
     * busy neighbour can only slow a round down and a ceiling is what the machine can do.
     */
    static double gflops(int threads) {
        for (int w = 0; w < 200; w++) {
            chains(0.999f, 0.998f, ITERATIONS); // compile chains() in full before any round is timed
        }
        double[] rounds = new double[5];
        for (int r = 0; r < rounds.length; r++) {
            Thread[] workers = new Thread[threads];
            float[] sink = new float[threads];
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers[t] = new Thread(() -> {
                    float s = 0;
                    for (int c = 0; c < CALLS; c++) {
                        s += chains(0.999f, 0.998f, ITERATIONS);
                    }
                    sink[id] = s;
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Double.NaN;
                }
            }
            long t = System.nanoTime() - t0;
            rounds[r] = (double) threads * CALLS * ITERATIONS * FLOPS_PER_ITERATION / t;
        }
        return Arrays.stream(rounds).max().orElse(Double.NaN);
    }

    /**
     * {@value #CHAINS} independent chains cᵢ ← a·b + cᵢ of preferred vectors, {@code iterations} steps each:
     * {@link #FLOPS_PER_ITERATION} flops per step. Scalars in, a scalar out: a vector passed to a method C2 does not
     * inline would be boxed.
     */
    public static float chains(float x, float y, int iterations) {
        FloatVector a = FloatVector.broadcast(S, x);
        FloatVector b = FloatVector.broadcast(S, y);
        FloatVector c0 = a, c1 = b, c2 = a, c3 = b, c4 = a, c5 = b, c6 = a, c7 = b, c8 = a, c9 = b, c10 = a, c11 = b;
        for (int i = 0; i < iterations; i++) {
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
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).lane(0);
    }

    /**
     * cores × 2 FMA units × {@link #LANES} × 2 flops × the nominal clock of /proc/cpuinfo, in GFLOP/s (NaN when it
     * cannot be read). Under a hypervisor the nominal clock is the base clock: a core that boosts runs faster.
     */
    static double theoreticalPeak(int cores) {
        double mhz = nominalMhz();
        return cores * 2 * LANES * 2 * mhz / 1000;
    }

    /** The clock at which one core's two FMA units would give {@code gflopsPerCore}, in GHz. */
    static double impliedClockGhz(double gflopsPerCore) {
        return gflopsPerCore / (2 * LANES * 2);
    }

    private static double nominalMhz() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
