package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Radix selection against sorting: the median as numpy takes it. */
class MedianTest {
    @Property
    void medianIsTheMiddleOfTheSortedValues(@ForAll @Size(min = 1, max = 300) List<Float> cells) {
        float[] values = finite(cells);
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = values.length;
        float expected = n % 2 == 1 ? sorted[n / 2] : (float) (((double) sorted[n / 2 - 1] + sorted[n / 2]) / 2);
        assertThat(RadixSelect.median(values, n) == expected).as("%s", Arrays.toString(sorted)).isTrue();
    }

    @Test
    void valuesInOneBucketAndAtTheExtremes() {
        float[] close = {1.0000001f, 1f, 1.0000002f, 1f, 0.99999994f};
        assertThat(RadixSelect.median(close, 5)).isEqualTo(1f);
        float[] wide = {-Float.MAX_VALUE, Float.MAX_VALUE, -1e-45f, 0f, -0f, 3f};
        assertThat(RadixSelect.median(wide, 6)).isEqualTo(0f);
        assertThat(RadixSelect.median(new float[] {-Float.MAX_VALUE}, 1)).isEqualTo(-Float.MAX_VALUE);
        assertThat(RadixSelect.median(new float[] {Float.MAX_VALUE, 3f, Float.MAX_VALUE}, 3)).isEqualTo(Float.MAX_VALUE);
        // The two middle values in upper buckets far apart, and in one.
        assertThat(RadixSelect.median(new float[] {1e30f, -1e30f}, 2)).isEqualTo(0f);
        float twoUp = Math.nextUp(Math.nextUp(5f));
        assertThat(RadixSelect.median(new float[] {5f, twoUp, -2f, 9f}, 4)).isEqualTo(Math.nextUp(5f));
        assertThat(RadixSelect.median(new float[] {2f, 7f, 4f, 4f}, 4)).isEqualTo(4f);
        assertThat(RadixSelect.median(new float[] {1f, 2f}, 2)).isEqualTo(1.5f);
    }

    /** jqwik's floats with NaN and infinities (which a column never holds) made finite, and some repeats. */
    private static float[] finite(List<Float> cells) {
        float[] values = new float[cells.size()];
        for (int i = 0; i < values.length; i++) {
            float v = cells.get(i);
            values[i] = Float.isFinite(v) ? v : i % 3;
        }
        return values;
    }
}
