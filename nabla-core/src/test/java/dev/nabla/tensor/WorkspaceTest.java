package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Variable;
import dev.nabla.loss.Losses;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkspaceTest {
    @Test
    void resetHandsBackTheSameTensorsInAllocationOrder() {
        try (Workspace ws = Workspace.open()) {
            Tensor a = Workspace.temporary(DType.F32, 2, 3, 4, false);
            Tensor b = Workspace.temporary(DType.F32, 2, 3, 4, false);
            Tensor c = Workspace.temporary(DType.F64, 1, 1, 7, false);
            assertThat(a).isNotSameAs(b);
            assertThat(ws.pooledTensors()).isEqualTo(3);

            ws.reset();

            assertThat(Workspace.temporary(DType.F32, 2, 3, 4, false)).isSameAs(a);
            assertThat(Workspace.temporary(DType.F32, 2, 3, 4, false)).isSameAs(b);
            assertThat(Workspace.temporaryLike(c, false)).isSameAs(c);
            assertThat(ws.pooledTensors()).isEqualTo(3);
        }
    }

    @Test
    void tensorsOfDifferentShapeRankOrDTypeAreNotShared() {
        try (Workspace ws = Workspace.open()) {
            Tensor m = Workspace.temporary(DType.F32, 2, 1, 6, false);
            Tensor v = Workspace.temporary(DType.F32, 1, 1, 6, false);
            Tensor d = Workspace.temporary(DType.F64, 2, 1, 6, false);
            Tensor t = Workspace.temporary(DType.F32, 2, 6, 1, false);
            assertThat(List.of(m, v, d, t)).doesNotHaveDuplicates();
            assertThat(m.shape()).containsExactly(1, 6);
            assertThat(v.shape()).containsExactly(6);
            assertThat(d.dtype()).isEqualTo(DType.F64);
            assertThat(t.shape()).containsExactly(6, 1);
            assertThat(ws.pooledTensors()).isEqualTo(4);
        }
    }

    @Test
    void zeroedTemporariesAreZeroAndOthersKeepTheirContents() {
        try (Workspace ws = Workspace.open()) {
            Workspace.temporary(DType.F64, 2, 2, 2, false).fillInPlace(5);
            ws.reset();
            Tensor dirty = Workspace.temporary(DType.F64, 2, 2, 2, false);
            assertThat(dirty.toDoubleArray()).as("unspecified contents: here the old ones").containsOnly(5.0);
            ws.reset();
            assertThat(Workspace.temporary(DType.F64, 2, 2, 2, true).toDoubleArray()).containsOnly(0.0);
        }
        assertThat(Workspace.temporary(DType.F32, 2, 2, 2, false).toDoubleArray())
                .as("a fresh tensor is zero even when not asked").containsOnly(0.0);
    }

    @Test
    void outsideAWorkspaceTemporariesAreFresh() {
        Tensor a = Workspace.temporary(DType.F32, 2, 3, 3, false);
        Tensor b = Workspace.temporary(DType.F32, 2, 3, 3, false);
        assertThat(a).isNotSameAs(b);
        assertThat(a.floats()).isNotSameAs(b.floats());
        try (Workspace ws = Workspace.open()) {
            ws.close();
            assertThat(Workspace.temporary(DType.F32, 2, 3, 3, false)).as("closed: no pooling")
                    .isNotSameAs(Workspace.temporary(DType.F32, 2, 3, 3, false));
        }
    }

    @Test
    void nestedWorkspacesPoolSeparatelyAndTheOuterResumesAfterTheInnerCloses() {
        try (Workspace outer = Workspace.open()) {
            Tensor o1 = Workspace.temporary(DType.F32, 1, 1, 4, false);
            Tensor i1;
            try (Workspace inner = Workspace.open()) {
                i1 = Workspace.temporary(DType.F32, 1, 1, 4, false);
                assertThat(i1).isNotSameAs(o1);
                assertThat(inner.pooledTensors()).isEqualTo(1);
                assertThat(outer.pooledTensors()).isEqualTo(1);
                assertThatThrownBy(outer::close).as("outer before inner").isInstanceOf(IllegalStateException.class);
            }
            outer.reset();
            assertThat(Workspace.temporary(DType.F32, 1, 1, 4, false)).isSameAs(o1);
            Tensor o2 = Workspace.temporary(DType.F32, 1, 1, 4, false);
            assertThat(o2).isNotSameAs(o1).isNotSameAs(i1);
            assertThat(outer.pooledTensors()).isEqualTo(2);
        }
    }

    @Test
    void aWorkspaceIsClosedOnItsOwnThread() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Workspace ws = Workspace.open()) {
            Thread t = new Thread(() -> {
                try {
                    ws.close();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            t.join();
            // Another thread has no workspace: it gets fresh tensors.
            AtomicReference<Tensor> fromOther = new AtomicReference<>();
            Tensor mine = Workspace.temporary(DType.F32, 1, 1, 2, false);
            Thread u = new Thread(() -> fromOther.set(Workspace.temporary(DType.F32, 1, 1, 2, false)));
            u.start();
            u.join();
            ws.reset();
            assertThat(Workspace.temporary(DType.F32, 1, 1, 2, false)).isSameAs(mine).isNotSameAs(fromOther.get());
        }
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class);
    }

    /** A training loop: forward, loss, backward, update; returns the loss of each step. */
    private static List<Double> train(boolean pooled, List<Integer> pooledCounts) {
        SplittableRandom rng = new SplittableRandom(1);
        Sequential net = new Sequential(new Linear(3, 5, rng), new Relu(), new Linear(5, 2, rng));
        Sgd sgd = new Sgd(net.parameters(), 0.1);
        Variable x = Variable.constant(Tensor.of(new float[][] {{1, 0, -1}, {0.5f, 2, 0}, {-1, -1, 1}, {0, 0.3f, 0.7f}}));
        int[] labels = {0, 1, 1, 0};
        List<Double> losses = new ArrayList<>();
        Workspace ws = pooled ? Workspace.open() : null;
        try {
            for (int step = 0; step < 20; step++) {
                if (ws != null) {
                    ws.reset();
                }
                sgd.zeroGrad();
                Variable loss = Losses.softmaxCrossEntropy(net.forward(x), labels);
                loss.backward();
                sgd.step();
                losses.add(loss.data().item());
                if (ws != null) {
                    pooledCounts.add(ws.pooledTensors());
                }
            }
        } finally {
            if (ws != null) {
                ws.close();
            }
        }
        return losses;
    }

    @Test
    void aSteadyStateTrainingStepAllocatesNoNewTensorsAndComputesTheSameValues() {
        List<Integer> counts = new ArrayList<>();
        List<Double> pooled = train(true, counts);
        List<Double> plain = train(false, new ArrayList<>());

        assertThat(counts.get(0)).isPositive();
        assertThat(counts).as("pooled tensors per step").containsOnly(counts.get(0));
        assertThat(pooled).as("reuse changes no value").containsExactlyElementsOf(plain);
        assertThat(pooled.get(19)).isLessThan(pooled.get(0));
    }

    @Test
    void aRankOneTemporaryWithSeveralRowsIsRejected() {
        assertThatThrownBy(() -> Workspace.temporary(DType.F32, 1, 3, 4, false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("rank 1");
    }
}
