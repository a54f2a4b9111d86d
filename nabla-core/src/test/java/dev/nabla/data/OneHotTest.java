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
    void argmaxInvertsEncodeAndPicksTheFirstLargestValue() {
        float[] encoded = OneHot.encode(new int[] {1, 3, 0}, 4).floats();
        assertThat(new int[] {OneHot.argmax(encoded, 0, 4), OneHot.argmax(encoded, 4, 4), OneHot.argmax(encoded, 8, 4)})
                .containsExactly(1, 3, 0);
        float[] p = {0.1f, 0.7f, 0.2f, 0.5f, 0.5f, 0f};
        assertThat(new int[] {OneHot.argmax(p, 0, 3), OneHot.argmax(p, 3, 3)}).containsExactly(1, 0);
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
