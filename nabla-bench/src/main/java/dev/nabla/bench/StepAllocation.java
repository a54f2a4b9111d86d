package dev.nabla.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated per steady-state training step of the 784-256-128-10 network at batch 128, read from
 * {@code com.sun.management.ThreadMXBean}: warms up, then reports the median over several windows.
 * Usage: {@code java --add-modules jdk.incubator.vector -cp nabla-bench.jar dev.nabla.bench.StepAllocation
 * [WARMUP [STEPS [toolkit]]]}; {@code toolkit} adds clipping and a schedule to the update half.
 */
public final class StepAllocation {
    private StepAllocation() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        boolean toolkit = args.length > 2 && args[2].equals("toolkit");
        try (Mlp mlp = new Mlp(128, 1, 784, 256, 128, 10)) {
            if (toolkit) {
                mlp.withScheduleAndClipping();
            }
            for (int i = 0; i < warmup; i++) {
                mlp.step();
            }
            long[] perStep = new long[5];
            for (int w = 0; w < perStep.length; w++) {
                long before = bean.getThreadAllocatedBytes(thread);
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    mlp.step();
                }
                long nanos = System.nanoTime() - t0;
                perStep[w] = (bean.getThreadAllocatedBytes(thread) - before) / steps;
                System.out.printf("window %d: %d bytes/step, %.1f µs/step%n", w, perStep[w], nanos / 1e3 / steps);
            }
            java.util.Arrays.sort(perStep);
            System.out.printf("median: %d bytes allocated per step (calling thread%s)%n", perStep[perStep.length / 2],
                    toolkit ? ", with clipping and a schedule" : "");
        }
    }
}
