package dev.nabla.bench;

import java.lang.management.ManagementFactory;

/**
 * Probe for {@code SameRun}: compiled into package dev.nabla.bench against either build (it uses only {@code Mlp}'s
 * oldest constructor), it builds the plain W1-shaped step and measures its CPU time per step on the calling thread.
 */
public final class PlainCpu {
    public static Object make(int warmup) {
        dev.nabla.tensor.Threads.set(1);
        Mlp m = new Mlp(128, 1, 784, 256, 128, 10);
        for (int i = 0; i < warmup; i++) {
            m.step();
        }
        return m;
    }

    public static double window(Object mlp, int steps) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long t0 = bean.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++) {
            ((Mlp) mlp).step();
        }
        return (bean.getCurrentThreadCpuTime() - t0) / 1e3 / steps;
    }
}
