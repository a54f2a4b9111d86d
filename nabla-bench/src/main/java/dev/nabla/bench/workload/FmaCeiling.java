package dev.nabla.bench.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 FMA ceiling as the JVM reaches it — twelve independent 256-bit FMA chains per thread and nothing
 * else — and the theoretical peak cores × 2 FMA units × 8 lanes × 2 flops × nominal clock.
 */
public final class FmaCeiling {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int ITERATIONS = 2_000_000;

    private FmaCeiling() {
    }

    /** GFLOP/s of {@code threads} threads running the chains at once; median of 3 rounds after a warm-up. */
    static double gflops(int threads) {
        double[] rounds = new double[3];
        for (int r = -1; r < rounds.length; r++) {
            Thread[] workers = new Thread[threads];
            float[] sink = new float[threads];
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers[t] = new Thread(() -> sink[id] = chains(0.999f, 0.998f, ITERATIONS));
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
            if (r >= 0) {
                rounds[r] = (double) threads * ITERATIONS * 12 * 8 * 2 / t;
            }
        }
        return Stats.median(rounds);
    }

    /**
     * Twelve independent chains cᵢ ← a·b + cᵢ of 256-bit vectors, {@code iterations} steps each: 12 · 8 · 2 flops
     * per step. Scalars in, a scalar out: a vector passed to a method C2 does not inline would be boxed.
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
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** cores × 2 × 8 × 2 × the nominal clock of /proc/cpuinfo, in GFLOP/s (NaN when it cannot be read). */
    static double theoreticalPeak(int cores) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    double mhz = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                    return cores * 2 * 8 * 2 * mhz / 1000;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
