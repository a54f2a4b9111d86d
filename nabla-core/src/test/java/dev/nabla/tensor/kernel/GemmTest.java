package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.kernel.GemmCases.Case;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** The fast GEMM against {@link ReferenceGemm}, for float32 and float64, with one and two threads. */
class GemmTest {
    private int savedThreads;

    @BeforeProperty
    void saveThreads() {
        savedThreads = KernelThreads.threads();
    }

    @AfterProperty
    void restoreThreads() {
        KernelThreads.setThreads(savedThreads);
    }

    /**
     * Sizes that hit 1, primes, and the edges of this machine's register tile (MR rows, NR columns) and of the
     * blocks (MC) on both sides.
     */
    private static Arbitrary<Integer> dimension() {
        int mr = SgemmKernel.MR;
        int nr = SgemmKernel.NR;
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 40),
                Arbitraries.of(1, 2, 5, 7, 13, 31, 97, mr - 1, mr, mr + 1, 2 * mr + 1, nr - 1, nr, nr + 1, 2 * nr + 1,
                        Sgemm.MC - 1, Sgemm.MC, Sgemm.MC + 1, 300));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Double> alpha = Arbitraries.of(1.0, -0.5, 2.0, 0.0);
        Arbitrary<Double> beta = Arbitraries.of(0.0, 1.0, -1.5, 0.25);
        return Combinators.combine(Arbitraries.of(false, true), Arbitraries.of(false, true),
                        dimension(), dimension(), dimension(), Arbitraries.integers().between(0, 9),
                        alpha, beta)
                .as((ta, tb, m, n, k, pad, al, be) -> Case.of(ta, tb, m, n, k, pad, al, be, 31L * m + 7L * n + k));
    }

    @Property(tries = 120)
    void sgemmMatchesReference(@ForAll("cases") Case t, @ForAll("threadCounts") int threads) {
        checkSgemm(t, threads);
    }

    /** Wider than one NC column block, so the outermost blocking loop turns more than once. */
    @Example
    void sgemmMatchesReferenceAcrossColumnBlocks() {
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                checkSgemm(Case.of(transA, transB, 6, Sgemm.NC + 21, 9, 3, 1.5, 0.5, 17), 2);
            }
        }
    }

    /** Deeper than one KC slice (the later slices accumulate onto C), with edge tiles on both sides. */
    @Example
    void sgemmMatchesReferenceAcrossDepthSlices() {
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                checkSgemm(Case.of(transA, transB, SgemmKernel.MR + 3, SgemmKernel.NR + 5, Sgemm.KC + 1, 2, 1.0,
                        0.5, 23), 2);
            }
        }
    }

    private void checkSgemm(Case t, int threads) {
        KernelThreads.setThreads(threads);
        float[] a = t.randomFloats(t.aLength(), 1);
        float[] b = t.randomFloats(t.bLength(), 2);
        float[] c0 = t.initialC();
        float[] fast = c0.clone();
        float[] ref = c0.clone();
        Gemm.sgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), (float) t.alpha(), a, t.aOff(), t.lda(),
                b, t.bOff(), t.ldb(), (float) t.beta(), fast, t.cOff(), t.ldc());
        ReferenceGemm.sgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), (float) t.alpha(), a, t.aOff(), t.lda(),
                b, t.bOff(), t.ldb(), (float) t.beta(), ref, t.cOff(), t.ldc());
        double[] ad = GemmCases.widen(a);
        double[] bd = GemmCases.widen(b);
        double[] cd = GemmCases.widen(c0);
        for (int idx = 0; idx < c0.length; idx++) {
            int rel = idx - t.cOff();
            int i = rel / t.ldc();
            int j = rel % t.ldc();
            if (rel < 0 || i >= t.m() || j >= t.n()) {
                // Outside C's m×n window nothing may change, NaN padding included.
                assertThat(Float.floatToRawIntBits(fast[idx])).as("untouched element %d", idx)
                        .isEqualTo(Float.floatToRawIntBits(c0[idx]));
                continue;
            }
            double tolerance = 1e-4 * t.scale(ad, bd, cd, i, j);
            assertThat((double) fast[idx]).as("C[%d][%d] of %s", i, j, t).isCloseTo(ref[idx],
                    org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    @Property(tries = 120)
    void dgemmMatchesReference(@ForAll("cases") Case t, @ForAll("threadCounts") int threads) {
        KernelThreads.setThreads(threads);
        double[] a = t.randomDoubles(t.aLength(), 1);
        double[] b = t.randomDoubles(t.bLength(), 2);
        double[] c0 = t.initialCDouble();
        double[] fast = c0.clone();
        double[] ref = c0.clone();
        Gemm.dgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), t.alpha(), a, t.aOff(), t.lda(),
                b, t.bOff(), t.ldb(), t.beta(), fast, t.cOff(), t.ldc());
        ReferenceGemm.dgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), t.alpha(), a, t.aOff(), t.lda(),
                b, t.bOff(), t.ldb(), t.beta(), ref, t.cOff(), t.ldc());
        for (int idx = 0; idx < c0.length; idx++) {
            int rel = idx - t.cOff();
            int i = rel / t.ldc();
            int j = rel % t.ldc();
            if (rel < 0 || i >= t.m() || j >= t.n()) {
                assertThat(Double.doubleToRawLongBits(fast[idx])).as("untouched element %d", idx)
                        .isEqualTo(Double.doubleToRawLongBits(c0[idx]));
                continue;
            }
            double tolerance = 1e-12 * t.scale(a, b, c0, i, j);
            assertThat(fast[idx]).as("C[%d][%d] of %s", i, j, t).isCloseTo(ref[idx],
                    org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    @Provide
    Arbitrary<Integer> threadCounts() {
        return Arbitraries.of(1, 2);
    }

    @Property(tries = 15)
    void sameThreadCountGivesBitIdenticalResults(@ForAll("cases") Case t, @ForAll("threadCounts") int threads) {
        // Large enough to be split across threads.
        Case big = Case.of(t.transA(), t.transB(), t.m() + 150, t.n() + 130, t.k() + 60, 3, t.alpha(), 0.5,
                t.seed());
        KernelThreads.setThreads(threads);
        float[] a = big.randomFloats(big.aLength(), 1);
        float[] b = big.randomFloats(big.bLength(), 2);
        float[] first = big.initialC();
        float[] second = first.clone();
        Gemm.sgemm(big.transA(), big.transB(), big.m(), big.n(), big.k(), (float) big.alpha(), a, big.aOff(),
                big.lda(), b, big.bOff(), big.ldb(), (float) big.beta(), first, big.cOff(), big.ldc());
        Gemm.sgemm(big.transA(), big.transB(), big.m(), big.n(), big.k(), (float) big.alpha(), a, big.aOff(),
                big.lda(), b, big.bOff(), big.ldb(), (float) big.beta(), second, big.cOff(), big.ldc());
        assertThat(Arrays.equals(first, second)).as("two runs of %s with %d threads", big, threads).isTrue();
    }

    @Property(tries = 10)
    void betaZeroIgnoresNanInC(@ForAll("cases") Case t) {
        Case zero = Case.of(t.transA(), t.transB(), t.m(), t.n(), t.k(), 2, 1.0, 0.0, t.seed());
        float[] c = zero.initialC();
        Gemm.sgemm(zero.transA(), zero.transB(), zero.m(), zero.n(), zero.k(), 1f,
                zero.randomFloats(zero.aLength(), 1), zero.aOff(), zero.lda(),
                zero.randomFloats(zero.bLength(), 2), zero.bOff(), zero.ldb(), 0f, c, zero.cOff(), zero.ldc());
        for (int i = 0; i < zero.m(); i++) {
            for (int j = 0; j < zero.n(); j++) {
                assertThat(c[zero.cOff() + i * zero.ldc() + j]).isNotNaN();
            }
        }
    }

    @Property(tries = 5)
    void rejectsNegativeDimensionsAndShortArrays(@ForAll("cases") Case t) {
        float[] a = new float[t.aLength()];
        float[] b = new float[t.bLength()];
        float[] c = new float[t.cLength()];
        assertThatThrownBy(() -> Gemm.sgemm(false, false, -1, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=-1");
        int aNeeded = t.aOff() + ((t.transA() ? t.k() : t.m()) - 1) * t.lda() + (t.transA() ? t.m() : t.k());
        float[] shortA = Arrays.copyOf(a, aNeeded - 1);
        assertThatThrownBy(() -> Gemm.sgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), 1f, shortA, t.aOff(),
                t.lda(), b, t.bOff(), t.ldb(), 0f, c, t.cOff(), t.ldc()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A is stored");
        double[] shortC = new double[t.cOff() + (t.m() - 1) * t.ldc() + t.n() - 1];
        assertThatThrownBy(() -> Gemm.dgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), 1, new double[t.aLength()],
                t.aOff(), t.lda(), new double[t.bLength()], t.bOff(), t.ldb(), 0, shortC, t.cOff(), t.ldc()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C is stored");
    }
}
