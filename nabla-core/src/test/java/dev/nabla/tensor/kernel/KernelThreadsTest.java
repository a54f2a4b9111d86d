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
}
