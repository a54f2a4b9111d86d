package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class KernelThreadsTest {
    @Test
    void propertyParsing() {
        assertThat(KernelThreads.parseThreads(null, 4)).isEqualTo(4);
        assertThat(KernelThreads.parseThreads(" 3 ", 4)).isEqualTo(3);
        assertThat(KernelThreads.parseThreads("0", 4)).isEqualTo(4);
        assertThat(KernelThreads.parseThreads("many", 4)).isEqualTo(4);
    }

    @Test
    void rejectsZeroThreads() {
        assertThatThrownBy(() -> KernelThreads.setThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsEveryPartOnceAndRethrowsFailures() {
        AtomicIntegerArray seen = new AtomicIntegerArray(3);
        KernelThreads.run(3, (part, parts) -> seen.incrementAndGet(part));
        assertThat(seen.toString()).isEqualTo("[1, 1, 1]");
        assertThatThrownBy(() -> KernelThreads.run(2, (part, parts) -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
    }

    @Test
    void concurrentCallersSurviveThePoolGrowing() throws Exception {
        int saved = KernelThreads.threads();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread[] callers = new Thread[3];
        for (int t = 0; t < callers.length; t++) {
            int parts = 2 + t;
            callers[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        AtomicIntegerArray seen = new AtomicIntegerArray(parts);
                        KernelThreads.run(parts, (part, count) -> seen.incrementAndGet(part));
                        for (int p = 0; p < parts; p++) {
                            assertThat(seen.get(p)).isEqualTo(1);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        try {
            for (Thread c : callers) {
                c.start();
            }
            for (int i = 0; i < 50; i++) {
                KernelThreads.setThreads(1 + i % 4);
            }
            for (Thread c : callers) {
                c.join();
            }
        } finally {
            KernelThreads.setThreads(saved);
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void backToBackCallsRunEveryPartExactlyOnceAndPublishTheirWrites() {
        // Plain int writes: run() must make every part's writes visible to the caller when it returns, and a late
        // worker must never run a part of the next call twice or with the wrong part count.
        for (int i = 0; i < 20_000; i++) {
            int parts = 2 + i % 5;
            int[] seen = new int[parts];
            int[] counts = new int[parts];
            KernelThreads.run(parts, (part, count) -> {
                seen[part]++;
                counts[part] = count;
            });
            for (int p = 0; p < parts; p++) {
                assertThat(seen[p]).as("call %d part %d", i, p).isEqualTo(1);
                assertThat(counts[p]).isEqualTo(parts);
            }
        }
    }
}
