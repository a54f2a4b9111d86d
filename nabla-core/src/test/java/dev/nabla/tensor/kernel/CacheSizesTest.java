package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheSizesTest {
    @Test
    void readsTheSizesLinuxWrites() {
        assertThat(CacheSizes.parseSize("48K\n")).isEqualTo(48 * 1024);
        assertThat(CacheSizes.parseSize("32M")).isEqualTo(32L * 1024 * 1024);
        assertThat(CacheSizes.parseSize("65536")).isEqualTo(65536);
        assertThat(CacheSizes.parseSize("big")).isEqualTo(-1);
    }

    @Test
    void blocksAreWholeTilesWhateverTheCaches() {
        assertThat(CacheSizes.L2).isPositive();
        assertThat(Sgemm.MC % SgemmKernel.MR).isZero();
        assertThat(Sgemm.NC % SgemmKernel.NR).isZero();
        assertThat(Sgemm.MC).isPositive();
    }
}
