package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 GEMM's register tile and cache blocks, chosen once from the vector shape and the caches.
 *
 * <p>The tile is MR rows × 2 vectors of C held in 2·MR accumulators, plus two registers for a row of the B panel
 * and one for a broadcast element of A. With 512-bit vectors (AVX-512, 32 registers) MR = 12: 24 accumulators,
 * 27 registers. With narrower vectors (AVX2, 16 registers) MR = 4: 8 accumulators, 11 registers. Either way at
 * least eight FMA chains are independent, what two FMA units of latency four need. Measured (the tile alone over
 * packed panels in cache): on AVX2, 5 or 6 rows made C2 spill registers and halved the speed (Zen 3, and Zen 5
 * with {@code -XX:UseAVX=2}), 4 × 2 runs at about 90 % of the FMA ceiling; on AVX-512 (Zen 5) 12 × 2, 6 × 3
 * and 6 × 4 all run within 5 % of the ceiling and 4 × 2 at 80 %; in the whole GEMM 12 × 2 was as fast as the
 * others and wastes the fewest columns at the edges of the layer widths Nabla meets (784 = 24.5 × 32).
 *
 * <p>Only KC changes the rounding (it decides where each sum over k is cut into slices that are added onto C one
 * after another), so it depends on the vector shape alone and never on the caches: the caches of a machine do
 * not change its bits. MC and NC only decide which tiles are computed when, and are sized from the caches the
 * operating system reports.
 */
final class SgemmBlocking {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = S.length();
    /** True when the vectors are 512 bits or wider, so that the CPU has 32 vector registers. */
    static final boolean WIDE = S.vectorBitSize() >= 512;
    /** Rows of the register tile. */
    static final int MR = WIDE ? 12 : 4;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /**
     * Depth of a packed slice. Every slice is one more read-modify-write pass over C, which misses the caches when
     * C is large, so the slice is as deep as the A panel (MR×KC) allows while it stays in L1 beside the rows of B
     * streaming through: 12 × 512 × 4 B = 24 KB on AVX-512. On AVX2 a 16-column B panel of 256 rows (16 KB) stays
     * in L1 while the A panels stream from L2.
     */
    static final int KC = WIDE ? 512 : 256;
    private static final long BYTES = S.elementSize() / 8;
    /**
     * Rows of A per packed block, in whole tiles. With the 12-row tile MC×KC elements fill about half of L2. With the
     * 4-row tile 144 rows, as tuned on Zen 3's 512 KB L2: blocks sized from Zen 5's 1 MB L2 (256 and 512 rows) measured
     * slower under {@code -XX:UseAVX=2} than 144.
     */
    static final int MC = WIDE ? inWholeTiles(CacheSizes.L2 / 2 / (BYTES * KC), MR) : 144;
    /** Columns of B per packed block: KC×NC elements fill about a quarter of L3, in whole tiles. */
    static final int NC = inWholeTiles(CacheSizes.L3 / 4 / (BYTES * KC), NR);

    private SgemmBlocking() {
    }

    /** {@code elements} rounded down to whole tiles of {@code unit}, at least one and at most 2¹⁴ elements. */
    private static int inWholeTiles(long elements, int unit) {
        int bounded = (int) Math.min(elements, 1 << 14);
        return Math.max(unit, bounded / unit * unit);
    }
}
