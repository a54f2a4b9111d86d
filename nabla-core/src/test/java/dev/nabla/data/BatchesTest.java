package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.ShapeException;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchesTest {
    private static final int N = 10;

    /** Row i of X is [i, 100 + i, −i]. */
    private static Tensor features(int n) {
        Tensor x = Tensor.zeros(DType.F32, n, 3);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i);
            x.set(i, 1, 100 + i);
            x.set(i, 2, -i);
        }
        return x;
    }

    /** Label i for row i (rank 1). */
    private static Tensor labels(int n) {
        Tensor y = Tensor.zeros(DType.F32, n);
        for (int i = 0; i < n; i++) {
            y.set(i, i);
        }
        return y;
    }

    /** Row i of Y is [2i, 2i + 1] (rank 2). */
    private static Tensor targets(int n) {
        Tensor y = Tensor.zeros(DType.F64, n, 2);
        for (int i = 0; i < n; i++) {
            y.set(i, 0, 2 * i);
            y.set(i, 1, 2 * i + 1);
        }
        return y;
    }

    /** The row indices of each batch, checking that features and targets of a row stay together. */
    private static List<int[]> drain(Batches batches) {
        List<int[]> out = new ArrayList<>();
        for (Batch b : batches) {
            int[] rows = new int[b.size()];
            for (int k = 0; k < b.size(); k++) {
                int i = (int) b.features().get(k, 0);
                rows[k] = i;
                assertThat(b.features().row(k)).containsExactly(i, 100 + i, -i);
                if (b.targets().rank() == 1) {
                    assertThat(b.targets().get(k)).as("target aligned with row %d", i).isEqualTo(i);
                    assertThat(b.labels()[k]).isEqualTo(i);
                } else {
                    assertThat(b.targets().row(k)).as("target aligned with row %d", i).containsExactly(2 * i, 2 * i + 1);
                }
            }
            out.add(rows);
        }
        return out;
    }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(IntStream::of).toArray();
    }

    @Test
    void miniBatchCoversEveryRowOncePerEpochInBatchesOfBThenTheRemainder() {
        List<int[]> epoch = drain(Batches.miniBatch(features(N), labels(N), 3, new SplittableRandom(1)));

        assertThat(epoch.stream().map(b -> b.length)).containsExactly(3, 3, 3, 1);
        assertThat(flat(epoch)).containsExactlyInAnyOrder(IntStream.range(0, N).toArray());
        assertThat(flat(epoch)).as("shuffled").isNotEqualTo(IntStream.range(0, N).toArray());

        List<int[]> even = drain(Batches.miniBatch(features(N), targets(N), 5, new SplittableRandom(1)));
        assertThat(even.stream().map(b -> b.length)).containsExactly(5, 5);
        assertThat(flat(even)).containsExactlyInAnyOrder(IntStream.range(0, N).toArray());
    }

    @Test
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() {
        int n = 50;
        int[] a = flat(drain(Batches.miniBatch(features(n), targets(n), 8, new SplittableRandom(7))));
        int[] b = flat(drain(Batches.miniBatch(features(n), targets(n), 8, new SplittableRandom(7))));
        int[] c = flat(drain(Batches.miniBatch(features(n), targets(n), 8, new SplittableRandom(8))));
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(c).containsExactlyInAnyOrder(a);
    }

    @Test
    void withoutAGeneratorMiniBatchesKeepTheRowOrder() {
        assertThat(flat(drain(Batches.inOrder(features(N), labels(N), 4))))
                .containsExactly(IntStream.range(0, N).toArray());
    }

    @Test
    void fullBatchIsAllRowsInOrder() {
        List<int[]> batches = drain(Batches.fullBatch(features(N), targets(N)));
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).containsExactly(IntStream.range(0, N).toArray());
        assertThat(drain(Batches.inOrder(features(N), labels(N), 1000))).hasSize(1);
    }

    @Test
    void stochasticDrawsStepsSingleRowsUniformly() {
        int steps = 20_000;
        List<int[]> draws = drain(Batches.stochastic(features(N), labels(N), steps, new SplittableRandom(3)));

        assertThat(draws).hasSize(steps).allMatch(b -> b.length == 1);
        int[] counts = new int[N];
        for (int[] d : draws) {
            counts[d[0]]++;
        }
        // Pearson's χ² with 9 degrees of freedom: P(χ² > 27.9) = 0.001.
        double expected = (double) steps / N;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertThat(IntStream.of(counts).min().orElseThrow()).isPositive();
        assertThat(chi2).isLessThan(27.9);

        int[] again = flat(drain(Batches.stochastic(features(N), labels(N), 100, new SplittableRandom(3))));
        assertThat(again).containsExactly(java.util.Arrays.copyOf(flat(draws), 100));
    }

    @Test
    void anExhaustedIteratorSaysSo() {
        Batches b = Batches.fullBatch(features(2), labels(2));
        b.next();
        assertThat(b.hasNext()).isFalse();
        assertThatThrownBy(b::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void shuffleIsAPermutationDrivenByTheSeed() {
        int[] a = IntStream.range(0, 100).toArray();
        int[] b = a.clone();
        Batches.shuffle(a, new SplittableRandom(5));
        Batches.shuffle(b, new SplittableRandom(5));
        assertThat(a).containsExactly(b).containsExactlyInAnyOrder(IntStream.range(0, 100).toArray());
    }

    @Test
    void mismatchedRowsAndBadBatchSizesAreRejected() {
        assertThatThrownBy(() -> Batches.inOrder(features(4), labels(5), 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[4, 3]").hasMessageContaining("[5]");
        assertThatThrownBy(() -> Batches.fullBatch(features(4), targets(3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[4, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Batches.inOrder(features(4), labels(4), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> Batches.fullBatch(features(2), targets(2)).next().labels())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[2, 2]");
    }

    @Test
    void eachForEachIsANewEpochReshuffledByTheSameGenerator() {
        Batches batches = Batches.miniBatch(features(N), labels(N), 4, new SplittableRandom(11));
        int[] first = flat(drain(batches));
        int[] second = flat(drain(batches));
        assertThat(second).containsExactlyInAnyOrder(IntStream.range(0, N).toArray());
        assertThat(second).as("the second epoch is reshuffled").isNotEqualTo(first);
        SplittableRandom replay = new SplittableRandom(11);
        int[] expected = IntStream.range(0, N).toArray();
        Batches.shuffle(expected, replay);
        Batches.shuffle(expected, replay);
        assertThat(second).containsExactly(expected);
    }

    @Test
    void aSingleFeatureRowWithSeveralLabelsIsRejected() {
        assertThatThrownBy(() -> Batches.fullBatch(features(1), labels(5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[1, 3]").hasMessageContaining("[5]");
    }
}
