package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OneHotTest {
    @Test
    void encodeSetsOneOnePerRowAtTheLabel() {
        Tensor t = OneHot.encode(new int[] {2, 0, 1}, 3);
        assertThat(t.floats()).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0);
    }

    @Test
    void decodeInvertsEncodeAndPicksTheLargestValue() {
        assertThat(OneHot.decode(OneHot.encode(new int[] {1, 3, 0}, 4))).containsExactly(1, 3, 0);
        assertThat(OneHot.decode(Tensor.of(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.5f, 0f}}))).containsExactly(1, 0);
    }

    @Test
    void encodeIntoOverwritesWhateverTheBufferHeld() {
        Tensor t = Tensor.full(dev.nabla.tensor.DType.F64, 7, 2, 2);
        assertThat(OneHot.encodeInto(new int[] {1, 0}, t).toDoubleArray()).containsExactly(0, 1, 1, 0);
        assertThatThrownBy(() -> OneHot.encodeInto(new int[] {1}, t)).hasMessageContaining("1 labels do not fill");
    }

    @Test
    void aLabelOutsideTheClassesIsRefused() {
        assertThatThrownBy(() -> OneHot.encode(new int[] {0, 3}, 3)).hasMessage("label 3 at row 1 outside 0..2");
    }
}
