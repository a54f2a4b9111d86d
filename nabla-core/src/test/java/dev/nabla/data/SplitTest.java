package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {
    /** 100 rows, row i has feature i; classes 0 (60 rows) and 1 (40 rows). */
    private static Dataset rows() {
        float[] x = new float[100];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i;
            y[i] = i % 5 < 3 ? 0 : 1;
        }
        return Dataset.classification("t", Tensor.wrap(x, 100, 1), List.of("i"), "y", y, List.of("a", "b"));
    }

    private static Set<Float> ids(Dataset d) {
        Set<Float> s = new HashSet<>();
        for (float v : d.features().floats()) {
            s.add(v);
        }
        return s;
    }

    @Test
    void aStratifiedSplitKeepsEachClassShareAndPartitionsTheRows() {
        Split s = Split.of(DataSource.of(rows()), 0.1, 0.2, 7);
        assertThat(s.test().rows()).isEqualTo(20);
        assertThat(s.validation().rows()).isEqualTo(10);
        assertThat(s.train().rows()).isEqualTo(70);
        assertThat(count(s.test().labels(), 0)).isEqualTo(12);
        assertThat(count(s.validation().labels(), 0)).isEqualTo(6);
        Set<Float> all = new HashSet<>(ids(s.train()));
        all.addAll(ids(s.validation()));
        all.addAll(ids(s.test()));
        assertThat(all).hasSize(100);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        assertThat(ids(Split.of(DataSource.of(rows()), 0.1, 0.2, 7).test()))
                .isEqualTo(ids(Split.of(DataSource.of(rows()), 0.1, 0.2, 7).test()))
                .isNotEqualTo(ids(Split.of(DataSource.of(rows()), 0.1, 0.2, 8).test()));
    }

    @Test
    void aPresetTestSetIsUsedAsTheTestSplit() {
        Dataset preset = rows().subset(new int[] {1, 2});
        Split s = Split.of(new DataSource(rows(), preset), 0.1, 0.2, 7);
        assertThat(s.test()).isSameAs(preset);
        assertThat(s.train().rows() + s.validation().rows()).isEqualTo(100);
    }

    @Test
    void zeroTestTrainsOnEveryRow() {
        Split s = Split.of(DataSource.of(rows()), 0, 0, 1);
        assertThat(s.train().rows()).isEqualTo(100);
        assertThat(s.test().rows()).isZero();
    }

    @Test
    void fractionsMustLeaveTrainingRows() {
        assertThatThrownBy(() -> Split.of(DataSource.of(rows()), 0.5, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Split.of(DataSource.of(rows()), -0.1, 0.2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int count(int[] a, int v) {
        int n = 0;
        for (int x : a) {
            n += x == v ? 1 : 0;
        }
        return n;
    }
}
