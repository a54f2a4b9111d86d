package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import dev.nabla.autograd.Variable;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.testing.Reference;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** BatchNorm against PyTorch's BatchNorm1d (float64, scripts/torch-reference.py), and its state dict and modes. */
class BatchNormTest {
    private static final double TOLERANCE = 1e-10;

    @Test
    void fiveTrainingStepsAndEvaluationEqualPyTorchs() {
        JsonElement ref = Reference.load("batch_norm.json");
        BatchNorm bn = new BatchNorm(4, Reference.field(ref, "momentum").getAsDouble(),
                Reference.field(ref, "eps").getAsDouble());
        bn.to(DType.F64);
        Map<String, Tensor> state = bn.stateDict();
        state.get("weight").copyFromInPlace(Reference.tensor(Reference.field(ref, "initial_weight")));
        state.get("bias").copyFromInPlace(Reference.tensor(Reference.field(ref, "initial_bias")));
        Variable weights = Variable.constant(Reference.tensor(Reference.field(ref, "loss_weights")));
        Sgd sgd = new Sgd(bn.parameters(), Reference.field(ref, "learning_rate").getAsDouble());
        int s = 0;
        for (JsonElement step : Reference.field(ref, "steps").getAsJsonArray()) {
            s++;
            Variable x = Variable.parameter(Reference.tensor(Reference.field(step, "x")));
            sgd.zeroGrad();
            Variable y = bn.forward(x);
            y.mul(weights).sum().backward();
            close("y, step " + s, y.data(), step, "y");
            close("grad x, step " + s, x.grad(), step, "grad_x");
            close("grad weight, step " + s, bn.parameters().get(0).grad(), step, "grad_weight");
            close("grad bias, step " + s, bn.parameters().get(1).grad(), step, "grad_bias");
            sgd.step();
            close("running mean after step " + s, state.get("running_mean"), step, "running_mean");
            close("running var after step " + s, state.get("running_var"), step, "running_var");
            close("weight after step " + s, state.get("weight"), step, "weight");
            close("bias after step " + s, state.get("bias"), step, "bias");
            assertThat(state.get("num_batches_tracked").item())
                    .isEqualTo(Reference.field(step, "num_batches_tracked").getAsDouble());
        }
        bn.eval();
        Tensor y = bn.forward(Variable.constant(Reference.tensor(Reference.field(ref, "eval_x")))).data();
        close("evaluation output", y, ref, "eval_y");
        assertThat(state.get("num_batches_tracked").item()).as("evaluation counts no batch").isEqualTo(5.0);
    }

    private static void close(String what, Tensor actual, JsonElement ref, String key) {
        Tensor expected = Reference.tensor(Reference.field(ref, key));
        assertThat(actual.size()).as(what).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            assertThat(Math.abs(actual.get(i) - e)).as("%s [%d]: %s against PyTorch's %s", what, i, actual.get(i), e)
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(e)));
        }
    }

    @Test
    void stateDictHasPyTorchsNamesOrderAndShapes() {
        Sequential net = new Sequential(new Linear(3, 5, new SplittableRandom(1)), new BatchNorm(5), new Relu());
        Map<String, Tensor> state = net.stateDict();
        assertThat(state.keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                "1.running_var", "1.num_batches_tracked");
        assertThat(state.get("1.num_batches_tracked").shape()).isEmpty();
        assertThat(state.get("1.num_batches_tracked").shapeString()).isEqualTo("[]");
        assertThat(state.get("1.running_var").toDoubleArray()).containsOnly(1.0);
        assertThat(state.get("1.weight").toDoubleArray()).containsOnly(1.0);
        assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias");
    }

    @Test
    void evaluationUsesTheRunningStatisticsAndTrainingRefusesOneRow() {
        BatchNorm bn = new BatchNorm(2);
        Map<String, Tensor> state = bn.stateDict();
        state.get("running_mean").copyFromInPlace(Tensor.of(1f, -2f));
        state.get("running_var").copyFromInPlace(Tensor.of(4f, 0.25f));
        bn.eval();
        Tensor y = bn.forward(Variable.constant(Tensor.of(new float[][] {{3f, -1f}}))).data();
        assertThat(y.get(0)).isCloseTo(2 / Math.sqrt(4 + 1e-5), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(y.get(1)).isCloseTo(1 / Math.sqrt(0.25 + 1e-5), org.assertj.core.data.Offset.offset(1e-6));
        bn.train(true);
        assertThatThrownBy(() -> bn.forward(Variable.constant(Tensor.of(new float[][] {{3f, -1f}}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one row");
    }

    @Test
    void aFollowingActivationIsFusedWithTheSameResult() {
        var rng = new SplittableRandom(4);
        float[][] rows = new float[7][3];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        Tensor x = Tensor.of(rows);
        Dropout fusedDropout = new Dropout(0.4, 8);
        Sequential fused = new Sequential(new BatchNorm(3), new ActivationLayer(dev.nabla.tensor.Activation.GELU),
                fusedDropout);
        BatchNorm alone = new BatchNorm(3);
        Dropout dropout = new Dropout(0.4, 8);
        for (int step = 0; step < 2; step++) {
            Variable in = Variable.parameter(x.copy());
            Variable expected = dropout.forward(new ActivationLayer(dev.nabla.tensor.Activation.GELU)
                    .forward(alone.forward(in)));
            Variable inFused = Variable.parameter(x.copy());
            Variable actual = fused.forward(inFused);
            assertThat(actual.data().floats()).containsExactly(expected.data().floats());
            expected.sum().backward();
            actual.sum().backward();
            assertThat(inFused.grad().floats()).containsExactly(in.grad().floats());
            assertThat(fused.parameters().get(0).grad().floats()).containsExactly(alone.parameters().get(0).grad().floats());
        }
        assertThat(fusedDropout.position()).isEqualTo(2);
        assertThat(fused.stateDict().get("0.running_var").floats()).containsExactly(alone.stateDict().get("running_var").floats());
    }
}
