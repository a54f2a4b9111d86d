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
}
