package dev.nabla.loss;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.testing.TorchReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Huber, L1, weighted and smoothed cross-entropy and binary cross-entropy with pos_weight equal torch.nn's values
 * and gradients ({@code scripts/torch-reference/losses.py}), in float64 and, within float32 rounding, float32.
 */
class LossesTorchTest {
    private static final JsonObject REFERENCE = TorchReference.load("losses.json");

    static List<String> cases() {
        return TorchReference.names(REFERENCE, "cases", "name");
    }

    private static JsonObject reference(String name) {
        return TorchReference.find(REFERENCE, "cases", "name", name);
    }

    private static Variable loss(JsonObject ref, Variable x, DType dtype) {
        return switch (ref.get("kind").getAsString()) {
            case "huber" -> Losses.huber(x, TorchReference.tensor(ref.get("target")).to(dtype), ref.get("delta").getAsDouble());
            case "l1" -> Losses.l1(x, TorchReference.tensor(ref.get("target")).to(dtype));
            case "cross_entropy" -> {
                double[] labels = TorchReference.doubles(ref.get("labels"));
                int[] y = new int[labels.length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = (int) labels[i];
                }
                Tensor weights = ref.has("weights") ? TorchReference.tensor(ref.get("weights")) : null;
                yield Losses.softmaxCrossEntropy(x, y, weights, ref.get("smoothing").getAsDouble());
            }
            case "bce" -> Losses.binaryCrossEntropyWithLogits(x, TorchReference.tensor(ref.get("target")).to(dtype),
                    TorchReference.tensor(ref.get("pos_weight")));
            default -> throw new IllegalArgumentException(ref.get("kind").getAsString());
        };
    }

    static List<Object[]> casesAndTypes() {
        List<Object[]> out = new ArrayList<>();
        for (String name : cases()) {
            for (DType dtype : DType.values()) {
                out.add(new Object[] {name, dtype});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndTypes")
    void valueAndGradientEqualPyTorchs(String name, DType dtype) {
        JsonObject ref = reference(name);
        double tolerance = dtype == DType.F64 ? 1e-12 : 2e-6;
        Variable x = Variable.parameter(TorchReference.tensor(ref.get("input")).to(dtype));
        Variable loss = loss(ref, x, dtype);
        double expected = ref.get("loss").getAsDouble();
        assertThat(Math.abs(loss.item() - expected) / Math.abs(expected)).as("loss").isLessThan(tolerance);
        loss.backward();
        assertThat(TorchReference.relativeError(TorchReference.values(x.grad()),
                TorchReference.doubles(flat(ref.get("grad"))), 1e-2)).as("gradient").isLessThan(tolerance);
    }

    private static JsonElement flat(JsonElement nested) {
        com.google.gson.JsonArray out = new com.google.gson.JsonArray();
        for (JsonElement row : nested.getAsJsonArray()) {
            if (row.isJsonArray()) {
                row.getAsJsonArray().forEach(out::add);
            } else {
                out.add(row);
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void smoothingWithoutWeightsIsCrossEntropyAgainstSmoothedTargets(DType dtype) {
        // PyTorch's smoothing without weights equals soft targets (1−ε)·onehot + ε/C; the soft-target loss is independent.
        JsonObject ref = reference("cross entropy smoothing 0.1");
        Tensor z = TorchReference.tensor(ref.get("input")).to(dtype);
        double[] labels = TorchReference.doubles(ref.get("labels"));
        Tensor soft = Tensor.zeros(dtype, z.rows(), z.cols());
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) labels[i];
            for (int c = 0; c < z.cols(); c++) {
                soft.set(i * z.cols() + c, (c == y[i] ? 0.9 : 0) + 0.1 / z.cols());
            }
        }
        double a = Losses.softmaxCrossEntropy(Variable.constant(z), y, null, 0.1).item();
        double b = Losses.softmaxCrossEntropy(Variable.constant(z), soft).item();
        assertThat(a).isCloseTo(b, org.assertj.core.data.Offset.offset(dtype == DType.F64 ? 1e-14 : 1e-6));
    }
}
