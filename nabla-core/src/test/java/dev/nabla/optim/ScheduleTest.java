package dev.nabla.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.Tensor;
import dev.nabla.testing.TorchReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every schedule's rates equal torch.optim.lr_scheduler's ({@code scripts/torch-reference/schedules.py}). */
class ScheduleTest {
    private static final JsonObject REFERENCE = TorchReference.load("schedules.json");
    private static final double LR = REFERENCE.get("lr").getAsDouble();
    private static final int SPE = REFERENCE.get("steps_per_epoch").getAsInt();
    private static final int EPOCHS = REFERENCE.get("epochs").getAsInt();

    private static Optimizer sgd() {
        return new Sgd(List.of(Variable.parameter(Tensor.of(0.0))), LR);
    }

    static List<String> cases() {
        List<String> out = new ArrayList<>();
        for (JsonElement c : REFERENCE.getAsJsonArray("cases")) {
            out.add(c.getAsJsonObject().get("spec").getAsString() + " warm-up " + c.getAsJsonObject().get("warmup"));
        }
        return out;
    }

    static List<String> plateauCases() {
        return TorchReference.names(REFERENCE, "plateau", "spec");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStepsRateEqualsPyTorchs(String name) {
        JsonObject ref = REFERENCE.getAsJsonArray("cases").get(cases().indexOf(name)).getAsJsonObject();
        double[] expected = TorchReference.doubles(ref.get("rates"));
        Optimizer optimizer = sgd();
        Schedule schedule = Schedules.config(ref.get("spec").getAsString(), ref.get("warmup").getAsInt())
                .create(optimizer, SPE, EPOCHS);
        for (int t = 0; t < expected.length; t++) {
            assertThat(optimizer.learningRate()).as("%s: rate of step %d", name, t)
                    .isCloseTo(expected[t], org.assertj.core.data.Percentage.withPercentage(1e-8));
            optimizer.step();
            schedule.step();
        }
        assertThat(schedule.steps()).isEqualTo(expected.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plateauCases")
    void plateauReducesAsPyTorchDoes(String spec) {
        JsonObject ref = TorchReference.find(REFERENCE, "plateau", "spec", spec);
        double[] losses = TorchReference.doubles(REFERENCE.get("plateau_losses"));
        double[] expected = TorchReference.doubles(ref.get("rates"));
        Optimizer optimizer = sgd();
        Schedule schedule = Schedules.config(spec, 0).create(optimizer, 7, losses.length);
        for (int e = 0; e < losses.length; e++) {
            for (int s = 0; s < 7; s++) {
                schedule.step();
            }
            schedule.epochEnd(losses[e]);
            assertThat(optimizer.learningRate()).as("%s after epoch %d", spec, e + 1)
                    .isCloseTo(expected[e], org.assertj.core.data.Percentage.withPercentage(1e-10));
        }
    }

    @Test
    void theStateIsDataAndResumesTheSameRates() {
        Optimizer first = sgd();
        Schedule a = Schedules.config("plateau:patience=0", 3).create(first, 5, 10);
        for (int s = 0; s < 7; s++) {
            a.step();
        }
        a.epochEnd(1.0);
        a.epochEnd(2.0);
        Map<String, Double> state = a.state();
        assertThat(state).containsEntry("step", 7.0).containsEntry("best", 1.0).containsEntry("num_bad_epochs", 0.0)
                .containsEntry("learning_rate", LR * 0.1).containsKey("cooldown_counter");

        Optimizer second = sgd();
        Schedule b = Schedules.config("plateau:patience=0", 3).create(second, 5, 10);
        assertThat(second.learningRate()).as("warm-up starts low").isEqualTo(LR / 4);
        b.loadState(state);
        assertThat(second.learningRate()).isEqualTo(first.learningRate());
        a.epochEnd(3.0);
        b.epochEnd(3.0);
        assertThat(second.learningRate()).isEqualTo(first.learningRate()).isEqualTo(LR * 0.1 * 0.1);
        assertThatThrownBy(() -> b.loadState(Map.of("step", 1.0))).hasMessageContaining("best");
    }

    @Test
    void badNamesAndArgumentsAreRefusedNamingThem() {
        assertThatThrownBy(() -> Schedules.config("linear", 0)).hasMessageContaining("unknown schedule 'linear'")
                .hasMessageContaining("constant, step, exponential, cosine, onecycle, plateau");
        assertThatThrownBy(() -> Schedules.config("step", 0)).hasMessageContaining("step needs step_size");
        assertThatThrownBy(() -> Schedules.config("exponential:gamma=-1", 0)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> Schedules.config("cosine:t_mult=0", 0)).hasMessageContaining("t_mult");
        assertThatThrownBy(() -> Schedules.config("onecycle:pct_start=1.5", 0)).hasMessageContaining("pct_start");
        assertThatThrownBy(() -> Schedules.config("plateau:factor=2", 0)).hasMessageContaining("factor");
        assertThatThrownBy(() -> Schedules.config("cosine:floor=0.1", 0)).hasMessageContaining("unknown argument 'floor'");
        assertThatThrownBy(() -> Schedules.config("cosine", -1)).hasMessageContaining("warm-up");
        assertThat(Schedules.config("Cosine:1e-5", 100).describe()).isEqualTo("cosine (eta_min 1.0E-5), warm-up 100 steps");
    }

    @Test
    void aScheduleStepAllocatesNothing() {
        Optimizer optimizer = sgd();
        Schedule schedule = Schedules.config("onecycle:three_phase=true", 10).create(optimizer, 100, 1000);
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int s = 0; s < 20_000; s++) {
            schedule.step();
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int s = 0; s < 10_000; s++) {
            schedule.step();
        }
        assertThat(bean.getCurrentThreadAllocatedBytes() - before).isLessThan(1000);
    }
}
