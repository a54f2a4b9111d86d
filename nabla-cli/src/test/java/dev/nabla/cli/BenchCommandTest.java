package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void theIrisWorkloadPrintsItsStepTimeAllocationAndPeakMemory() {
        Cli r = Cli.run("bench", "W2", "--threads", "1");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("W2").containsPattern("step\\s+[0-9.]+ us").contains("alloc_per_step")
                .contains("peak_rss");
    }

    @Test
    void anUnknownWorkloadIsAUsageError() {
        assertThat(Cli.run("bench", "W9").code()).isEqualTo(2);
    }
}
