package dev.nabla.bench.workload;

import dev.nabla.tensor.Threads;
import dev.nabla.tensor.kernel.Gemm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W0, the GEMM alone: GFLOP/s (2·m·n·k flops per product) at 2048³ on one thread and on N, and at every layer
 * shape of W1 and W3 in the three forms a training step uses — forward Y = X·Wᵀ (NT), input gradient
 * dX = dY·W (NN), weight gradient dW += dYᵀ·X (TN, β = 1) — beside the FMA ceiling measured in the same run.
 */
final class GemmWorkload {
    static final int SQUARE = 2048;
    /** (batch, in, out) of every layer of W1 and W3. */
    private static final int[][] LAYERS = {
        {128, 784, 256}, {128, 256, 128}, {128, 128, 10},
        {1024, 784, 2048}, {1024, 2048, 2048}, {1024, 2048, 10},
    };

    private GemmWorkload() {
    }

    static List<Figure> run(Options o) {
        List<Figure> out = new ArrayList<>();
        int threads = o.threads();
        SplittableRandom rng = new SplittableRandom(o.seed());
        Threads.set(1);
        double fma1 = FmaCeiling.gflops(1);
        double sq1 = gflops(false, false, SQUARE, SQUARE, SQUARE, 0, rng);
        Threads.set(threads);
        double fmaN = FmaCeiling.gflops(threads);
        double sqN = gflops(false, false, SQUARE, SQUARE, SQUARE, 0, rng);
        out.add(new Figure("W0", "peak_nominal_t" + threads, FmaCeiling.theoreticalPeak(threads), "GFLOP/s",
                "cores × 2 FMA × " + FmaCeiling.LANES + " lanes × 2 × nominal clock"));
        out.add(new Figure("W0", "fma_ceiling_t1", fma1, "GFLOP/s", FmaCeiling.CHAINS + " FMA chains of "
                + FmaCeiling.LANES + " lanes, " + String.format("%.2f", FmaCeiling.impliedClockGhz(fma1)) + " GHz"));
        out.add(new Figure("W0", "fma_ceiling_t" + threads, fmaN, "GFLOP/s", "same run"));
        out.add(new Figure("W0", "gemm2048_t1", sq1, "GFLOP/s", pct(sq1, fma1) + " (1 thread)"));
        out.add(new Figure("W0", "gemm2048_t" + threads, sqN, "GFLOP/s",
                pct(sqN, fmaN) + " (" + threads + " threads)"));
        out.add(new Figure("W0", "gemm2048_scaling", sqN / sq1, "x", threads + " threads ÷ 1 thread"));
        for (int[] l : LAYERS) {
            int b = l[0];
            int in = l[1];
            int outF = l[2];
            String shape = b + "x" + in + "x" + outF;
            double nt = gflops(false, true, b, outF, in, 0, rng);
            double nn = gflops(false, false, b, in, outF, 0, rng);
            double tn = gflops(true, false, outF, in, b, 1, rng);
            out.add(new Figure("W0", "NT_" + shape, nt, "GFLOP/s", "forward X·Wᵀ, " + pct(nt, fmaN)));
            out.add(new Figure("W0", "NN_" + shape, nn, "GFLOP/s", "input gradient dY·W, " + pct(nn, fmaN)));
            out.add(new Figure("W0", "TN_" + shape, tn, "GFLOP/s", "weight gradient dYᵀ·X, β = 1, " + pct(tn, fmaN)));
        }
        return out;
    }

    private static String pct(double x, double of) {
        return Math.round(100 * x / of) + " % of the ceiling";
    }

    /** Median GFLOP/s of C = op(A)·op(B) + β·C over 5 samples of at least 3 GFLOP each, after one warm-up. */
    static double gflops(boolean ta, boolean tb, int m, int n, int k, float beta, SplittableRandom rng) {
        float[] a = random(rng, m * k);
        float[] b = random(rng, k * n);
        float[] c = new float[m * n];
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        double flops = 2.0 * m * n * k;
        int reps = (int) Math.max(1, Math.ceil(3e9 / flops)); // ≥ 60 ms per sample at 50 GFLOP/s
        double[] samples = new double[5];
        for (int s = -1; s < samples.length; s++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, c, 0, n);
                if (beta != 0) {
                    c[0] = 0; // keep repeated accumulation from drifting to infinity without touching the timing
                }
            }
            long t = System.nanoTime() - t0;
            if (s >= 0) {
                samples[s] = flops * reps / t;
            }
        }
        return Stats.median(samples);
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() - 0.5);
        }
        return x;
    }
}
