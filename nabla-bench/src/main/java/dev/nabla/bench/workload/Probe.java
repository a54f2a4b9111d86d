package dev.nabla.bench.workload;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a process costs besides time: its peak resident set (VmHWM in {@code /proc/self/status}) and the bytes
 * allocated on the Java heap by the threads a training step runs on, kernel workers included
 * ({@code com.sun.management.ThreadMXBean}).
 */
final class Probe {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Probe() {
    }

    /** Peak resident set size in bytes, or −1 where /proc is not available. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    // "VmHWM:    123456 kB"
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The threads a workload's step runs on: the calling thread and the kernel workers ("nabla-kernel-…"). Call it
     * after warm-up, once the workers exist. Other JVM threads (JIT, reference handling) allocate now and then;
     * over a 20-step window of W3 that alone read as ~130 B per step.
     */
    static long[] stepThreads() {
        long self = Thread.currentThread().threadId();
        return java.util.stream.LongStream.concat(java.util.stream.LongStream.of(self),
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("nabla-kernel-") && t.threadId() != self)
                        .mapToLong(Thread::threadId)).toArray();
    }

    /** Σ over the given threads of the bytes each has allocated so far (threads that have ended count 0). */
    static long allocatedBytes(long[] threads) {
        long[] bytes = THREADS.getThreadAllocatedBytes(threads);
        long total = 0;
        for (long b : bytes) {
            if (b > 0) {
                total += b;
            }
        }
        return total;
    }
}
