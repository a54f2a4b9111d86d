package dev.nabla.bench.workload;

import dev.nabla.nn.Init;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W3: random inputs in [0, 1) and random labels, batch 1024, 784-2048-2048-10 with ReLU, He-uniform weights,
 * softmax cross-entropy, SGD η = 0.01: the median step time of 20 steps after 8 warm-up steps, the throughput
 * 6·B·Σ(in·out)/t, and its efficiency against the FMA ceiling measured in the same process (and, for reference,
 * against the 2048³ GEMM measured there too).
 */
final class WideMlpWorkload {
    static final int BATCH = 1024;
    static final int[] SIZES = {784, 2048, 2048, 10};
    static final int STEPS = 20;
    /** Enough steps for the JIT to finish compiling the step's kernels (each runs only a few times per step). */
    static final int WARMUP = 8;

    private WideMlpWorkload() {
    }

    static List<Figure> run(Options o) {
        SplittableRandom rng = new SplittableRandom(o.seed() + 2);
        double[] ms = new double[STEPS];
        long bytes;
        try (Network net = new Network(o.seed(), Activation.RELU, Init.HE_UNIFORM, 0.01, SIZES)) {
            Network.Batch batch = new Network.Batch(BATCH, SIZES[0]);
            Tensor x = batch.x;
            for (int i = 0; i < x.size(); i++) {
                x.set(i, rng.nextDouble());
            }
            for (int i = 0; i < BATCH; i++) {
                batch.labels.set(i, rng.nextInt(SIZES[SIZES.length - 1]));
            }
            for (int s = 0; s < WARMUP; s++) {
                net.step(batch);
            }
            long[] threads = Probe.stepThreads();
            long bytes0 = Probe.allocatedBytes(threads);
            for (int s = 0; s < STEPS; s++) {
                long t0 = System.nanoTime();
                net.step(batch);
                ms[s] = (System.nanoTime() - t0) / 1e6;
            }
            bytes = Probe.allocatedBytes(threads) - bytes0;
        }
        double step = Stats.median(ms);
        double gflops = Stats.stepFlops(BATCH, SIZES) / step / 1e6;
        double gemm = GemmWorkload.gflops(false, false, GemmWorkload.SQUARE, GemmWorkload.SQUARE,
                GemmWorkload.SQUARE, 0, rng);
        double ceiling = FmaCeiling.gflops(o.threads());
        List<Figure> out = new ArrayList<>();
        out.add(new Figure("W3", "step", step, "ms", "median of " + STEPS));
        out.add(new Figure("W3", "gflops", gflops, "GFLOP/s", "6·B·Σ(in·out) / step"));
        out.add(new Figure("W3", "gemm2048", gemm, "GFLOP/s", "same process, same threads"));
        out.add(new Figure("W3", "fma_ceiling", ceiling, "GFLOP/s", "same process, same threads"));
        out.add(new Figure("W3", "efficiency", gflops / ceiling, "", "step GFLOP/s ÷ FMA ceiling"));
        out.add(new Figure("W3", "gemm_fraction", gflops / gemm, "", "step GFLOP/s ÷ GEMM 2048³ GFLOP/s"));
        out.add(new Figure("W3", "alloc_per_step", (double) bytes / STEPS, "B", "caller and kernel threads"));
        return out;
    }
}
