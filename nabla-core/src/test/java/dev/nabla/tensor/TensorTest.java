package dev.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void zerosHasTheShapeAskedForAndF32ByDefault() {
        Tensor m = Tensor.zeros(2, 3);
        assertThat(m.dtype()).isEqualTo(DType.F32);
        assertThat(m.rank()).isEqualTo(2);
        assertThat(m.shape()).containsExactly(2, 3);
        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.cols()).isEqualTo(3);
        assertThat(m.size()).isEqualTo(6);
        assertThat(m.shapeString()).isEqualTo("[2, 3]");
        assertThat(m.toDoubleArray()).containsOnly(0.0);
        assertThat(m.floats()).hasSize(6);

        Tensor v = Tensor.zeros(DType.F64, 5);
        assertThat(v.rank()).isEqualTo(1);
        assertThat(v.shape()).containsExactly(5);
        assertThat(v.rows()).as("a vector is one row").isEqualTo(1);
        assertThat(v.cols()).isEqualTo(5);
        assertThat(v.shapeString()).isEqualTo("[5]");
        assertThat(v.doubles()).hasSize(5);

        assertThat(Tensor.zeros(0, 4).size()).isZero();
        assertThat(DType.F32.bytes()).isEqualTo(4);
        assertThat(DType.F64.bytes()).isEqualTo(8);
    }

    @Test
    void creationFromValuesFullAndScalar() {
        Tensor f = Tensor.full(DType.F64, 2.5, 2, 2);
        assertThat(f.toDoubleArray()).containsExactly(2.5, 2.5, 2.5, 2.5);
        assertThat(Tensor.scalar(DType.F32, 7).item()).isEqualTo(7.0);
        assertThat(Tensor.scalar(DType.F32, 7).shape()).containsExactly(1);

        double[] values = {1, 2, 3};
        Tensor copied = Tensor.of(values);
        values[0] = 99;
        assertThat(copied.get(0)).as("of() copies").isEqualTo(1.0);
        Tensor wrapped = Tensor.wrap(values, 3);
        values[1] = 42;
        assertThat(wrapped.get(1)).as("wrap() shares").isEqualTo(42.0);

        Tensor rows = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(rows.shape()).containsExactly(2, 3);
        assertThat(rows.get(1, 0)).isEqualTo(4.0);
        assertThat(rows.row(1)).containsExactly(4, 5, 6);
        Tensor rows64 = Tensor.of(DType.F64, new double[][] {{0.1, 0.2}, {0.3, 0.4}});
        assertThat(rows64.get(1, 1)).isEqualTo(0.4);
    }

    @Test
    void f32StorageRoundsToFloat() {
        Tensor t = Tensor.zeros(DType.F32, 1);
        t.set(0, 0.1);
        assertThat(t.get(0)).isEqualTo((double) 0.1f).isNotEqualTo(0.1);
    }

    @Test
    void badShapesAreRejectedNamingThem() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3, 4]");
        Tensor scalar = Tensor.zeros(DType.F64);
        assertThat(scalar.rank()).as("no dimensions: rank 0, PyTorch's 0-dim tensor").isZero();
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.size()).isEqualTo(1);
        assertThat(scalar.reshape(1).shapeString()).isEqualTo("[1]");
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).isInstanceOf(ShapeException.class).hasMessageContaining("[2, -1]");
        assertThatThrownBy(() -> Tensor.wrap(new double[5], 2, 3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("6").hasMessageContaining("5");
        assertThatThrownBy(() -> Tensor.of(new float[][] {{1, 2}, {3}})).isInstanceOf(ShapeException.class)
                .hasMessageContaining("row 1");
        assertThatThrownBy(() -> Tensor.of(DType.F64, new double[][] {{1, 2}, {3, 4, 5}}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("row 1");
    }

    @Test
    void shapeErrorsNameBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 5);
        assertThatThrownBy(() -> a.copyFromInPlace(b)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> a.reshape(4, 5)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Shapes.requireSame("op", a, b)).hasMessageContaining("op")
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Shapes.requireSameDType("op", a, Tensor.zeros(DType.F64, 4, 5)))
                .hasMessageContaining("F32[2, 3]").hasMessageContaining("F64[4, 5]");
        assertThatThrownBy(() -> Shapes.requireRowVector("add", a, Tensor.zeros(5)))
                .hasMessageContaining("[2, 3]").hasMessageContaining("[5]");
        assertThatThrownBy(() -> Shapes.requireMatrix("matmul", Tensor.zeros(5))).hasMessageContaining("[5]");
    }

    @Test
    void indexErrorsAndWrongDTypeAccessNameTheShape() {
        Tensor t = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> t.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> t.set(0, 3, 1.0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.row(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(t::item).isInstanceOf(ShapeException.class).hasMessageContaining("[2, 3]");
        assertThatThrownBy(t::doubles).isInstanceOf(IllegalStateException.class).hasMessageContaining("F32");
        assertThatThrownBy(() -> Tensor.zeros(DType.F64, 1).floats()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toConvertsIntoANewTensorOrReturnsItself() {
        Tensor f = Tensor.of(new float[][] {{1.5f, -2}, {0.25f, 8}});
        Tensor d = f.to(DType.F64);
        assertThat(d.dtype()).isEqualTo(DType.F64);
        assertThat(d.shape()).containsExactly(2, 2);
        assertThat(d.toDoubleArray()).containsExactly(1.5, -2, 0.25, 8);
        d.set(0, 100);
        assertThat(f.get(0)).as("a conversion is a copy").isEqualTo(1.5);
        assertThat(f.to(DType.F32)).isSameAs(f);

        Tensor back = Tensor.of(0.1, 0.2).to(DType.F32);
        assertThat(back.dtype()).isEqualTo(DType.F32);
        assertThat(back.get(1)).isEqualTo((double) 0.2f);
        assertThat(back.rank()).isEqualTo(1);
    }

    @Test
    void reshapeIsAViewAndCopyIsNot() {
        Tensor t = Tensor.of(DType.F64, new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor v = t.reshape(3, 2);
        assertThat(v.shape()).containsExactly(3, 2);
        assertThat(v.get(2, 1)).isEqualTo(6.0);
        v.set(1, 0, 30);
        assertThat(t.get(0, 2)).as("writes through the view show in the original").isEqualTo(30.0);
        t.set(1, 1, 50);
        assertThat(v.get(2, 0)).isEqualTo(50.0);
        Tensor flat = t.reshape(6);
        assertThat(flat.rank()).isEqualTo(1);
        assertThat(flat.doubles()).isSameAs(t.doubles());

        Tensor c = t.copy();
        c.set(0, -1);
        assertThat(t.get(0)).isEqualTo(1.0);
        assertThat(t.sameShape(c)).isTrue();
        assertThat(t.sameShape(v)).isFalse();
    }

    @Test
    void fillAndCopyFromWorkAcrossDTypes() {
        Tensor a = Tensor.zeros(DType.F64, 2, 2).fillInPlace(3);
        assertThat(a.toDoubleArray()).containsOnly(3.0);
        Tensor b = Tensor.zeros(DType.F32, 4).copyFromInPlace(Tensor.of(1.0, 2.0, 3.0, 4.0).reshape(2, 2));
        assertThat(b.toDoubleArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void toStringShowsShapeTypeAndLeadingValues() {
        assertThat(Tensor.of(1.0, 2.0).toString()).contains("[2]").contains("F64").contains("1.0, 2.0");
        assertThat(Tensor.zeros(4, 5).toString()).contains("[4, 5]").contains("…");
    }
}
