package dev.nabla.bench;

import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Pointwise;
import dev.nabla.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * CPU time and bytes allocated (ThreadMXBean, calling thread) per forward-and-backward pass of every activation over
 * a float32 128 × 256 matrix, after a warm-up long enough for C2: CPU time holds on a loaded machine where
 * {@link SmoothActivationBenchmark}'s wall time does not. Prints the median of 7 windows of 200 passes.
 * Usage: {@code java --add-modules jdk.incubator.vector -cp nabla-bench.jar dev.nabla.bench.ActivationCost}
 */
public final class ActivationCost {
    private ActivationCost() {
    }

    public static void main(String[] args) {
        Tensor x = Tensor.zeros(DType.F32, 128, 256);
        Tensor y = Tensor.zeros(DType.F32, 128, 256);
        Tensor dy = Tensor.full(DType.F32, 0.5, 128, 256);
        Tensor dx = Tensor.zeros(DType.F32, 128, 256);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, rng.nextGaussian() * 2);
        }
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        for (Activation f : Activation.values()) {
            double p = f.defaultParameter();
            double[] micros = new double[7];
            long[] bytes = new long[7];
            for (int w = -3; w < micros.length; w++) {
                long t0 = bean.getCurrentThreadCpuTime();
                long b0 = bean.getThreadAllocatedBytes(id);
                for (int k = 0; k < 200; k++) {
                    Pointwise.activate(f, p, x, y);
                    Pointwise.activationBackward(f, p, x, y, dy, dx, false);
                }
                if (w >= 0) {
                    micros[w] = (bean.getCurrentThreadCpuTime() - t0) / 1e3 / 200;
                    bytes[w] = (bean.getThreadAllocatedBytes(id) - b0) / 200;
                }
            }
            Arrays.sort(micros);
            Arrays.sort(bytes);
            System.out.printf("%-11s %8.1f µs %6d B per forward and backward%n", f.id(), micros[3], bytes[3]);
        }
    }
}
