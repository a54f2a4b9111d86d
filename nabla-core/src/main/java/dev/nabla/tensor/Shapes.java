package dev.nabla.tensor;

/** Shape and dtype checks whose messages name every shape involved. */
public final class Shapes {
    private Shapes() {
    }

    /** Requires equal dtype and shape. */
    public static void requireSame(String op, Tensor a, Tensor b) {
        requireSameDType(op, a, b);
        if (!a.sameShape(b)) {
            throw new ShapeException(op + ": shapes " + a.shapeString() + " and " + b.shapeString() + " differ");
        }
    }

    /** Requires an equal number of elements. */
    public static void requireSameSize(String op, Tensor a, Tensor b) {
        if (a.size() != b.size()) {
            throw new ShapeException(op + ": shapes " + a.shapeString() + " and " + b.shapeString()
                    + " hold different numbers of elements");
        }
    }

    /** Requires equal dtypes. */
    public static void requireSameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new ShapeException(op + ": dtypes differ, " + a.dtype() + a.shapeString() + " and "
                    + b.dtype() + b.shapeString());
        }
    }

    /** Requires {@code row} to be a rank-1 tensor (or a single row) as wide as {@code m}. */
    public static void requireRowVector(String op, Tensor m, Tensor row) {
        requireSameDType(op, m, row);
        if (row.rows() != 1 || row.cols() != m.cols()) {
            throw new ShapeException(op + ": cannot broadcast " + row.shapeString() + " over the rows of "
                    + m.shapeString() + "; need [" + m.cols() + "]");
        }
    }

    /** Requires a rank-2 tensor. */
    public static void requireMatrix(String op, Tensor t) {
        if (t.rank() != 2) {
            throw new ShapeException(op + ": needs a matrix [rows, cols], got " + t.shapeString());
        }
    }
}
