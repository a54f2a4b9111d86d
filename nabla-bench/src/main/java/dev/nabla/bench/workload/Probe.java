package dev.nabla.bench.workload;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a process costs besides time: its peak resident set (VmHWM in {@code /proc/self/status}) and the bytes
 * allocated on the Java heap by all of its live threads, kernel pool threads included
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
     * Σ over live threads of the bytes each has allocated so far. Threads that die between two readings drop out
     * of the sum, so read it around work done by long-lived threads only (the caller and the kernel pool).
     */
    static long allocatedBytes() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        long total = 0;
        for (long b : bytes) {
            if (b > 0) {
                total += b;
            }
        }
        return total;
    }
}
