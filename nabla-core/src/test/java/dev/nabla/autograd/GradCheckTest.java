package dev.nabla.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict of a gradient check: two tolerances, kinks stepped around, large parameter sets sampled with progress. */
class GradCheckTest {
    @Test
    void aStepAcrossAReluKinkIsCheckedOneSidedAndPasses() {
        // relu at w = ±1e-7: w ± h (h = 1e-6) lies on both sides of 0, so the central difference is about 0.55, not 1 or 0.
        Variable w = Variable.parameter(Tensor.wrap(new double[] {1e-7, -1e-7, 0.5}, 3));
        GradCheck.Report report = GradCheck.check(Map.of("w", w), () -> w.relu().sum());
        assertThat(report.passed()).as("%s", report).isTrue();
        assertThat(report.kinks()).isEqualTo(2);
        assertThat(report.checked()).isEqualTo(3);
    }

    @Test
    void aWrongGradientAtAKinkStillFails() {
        Variable w = Variable.parameter(Tensor.wrap(new double[] {1e-7, 0.7}, 2));
        // analytic: relu'(w) + 1 from the wrong square's backward; numeric: relu'(w) + 2w.
        GradCheck.Report report = GradCheck.check(Map.of("w", w),
                () -> w.relu().sum().add(GradCheckTableTest.wrongSquare(w).sum()));
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).isEqualTo(2);
    }

    @Test
    void tinyGradientsPassOnTheAbsoluteToleranceWhereRelativeErrorIsLarge() {
        // d/dw of c·w² + 100 at w = 0.3 is 1e-6: the central difference of a loss of 100 carries a round-off of about
        // 100·ε/h ≈ 1e-8 at worst, a relative error above 1e-4 that is no error at all (the ReLU digits case).
        Variable w = Variable.parameter(Tensor.wrap(new double[] {0.3}, 1));
        Variable one = Variable.constant(Tensor.wrap(new double[] {100}, 1));
        double c = 1e-6 / 0.6;
        GradCheck.Report report = GradCheck.check(Map.of("w", w), () -> w.mul(w).scale(c).add(one).sum());
        assertThat(report.worst()).isGreaterThan(1e-4);
        assertThat(report.passed()).as("%s", report).isTrue();
        GradCheck.Report strict = GradCheck.check(Map.of("w", w), () -> w.mul(w).scale(c).add(one).sum(),
                GradCheck.Settings.defaults().withTolerances(1e-4, 0));
        assertThat(strict.passed()).isFalse();
    }

    @Test
    void aLargeParameterSetIsSampledInEveryParameterWithProgress() {
        Variable big = Variable.parameter(Tensor.wrap(new double[10_000], 100, 100));
        Variable small = Variable.parameter(Tensor.wrap(new double[] {0.1, 0.2, 0.3}, 3));
        Map<String, Variable> params = new LinkedHashMap<>();
        params.put("big", big);
        params.put("small", small);
        List<long[]> updates = new ArrayList<>();
        GradCheck.Settings settings = GradCheck.Settings.defaults().withSample(200, 7)
                .withProgress((done, total) -> updates.add(new long[] {done, total}));
        GradCheck.Report report = GradCheck.check(params, () -> big.tanh().sum().add(small.tanh().sum()), settings);
        assertThat(report.total()).isEqualTo(10_003);
        assertThat(report.checked()).isEqualTo(200 + 3);
        assertThat(report.passed()).isTrue();
        assertThat(updates).hasSize(203);
        assertThat(updates.getLast()).containsExactly(203, 203);
        GradCheck.Report again = GradCheck.check(params, () -> big.tanh().sum().add(small.tanh().sum()),
                GradCheck.Settings.defaults().withSample(200, 7));
        assertThat(again).as("the sample is the seed's").isEqualTo(report);
    }
}
