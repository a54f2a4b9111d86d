package dev.nabla.tensor;

import java.util.Arrays;

/**
 * A dense, row-major tensor of rank 1 ({@code [n]}) or rank 2 ({@code [rows, cols]}, a batch is
 * rows × features), stored on the heap as {@code float[]} (F32, the default) or {@code double[]} (F64).
 * A rank-1 tensor acts as a single row where a row vector is expected (a bias, one row of targets). Rank 0
 * ({@code []}, one element) exists for state-dict entries that PyTorch keeps as 0-dim tensors, such as batch
 * norm's {@code num_batches_tracked}; it acts as a 1 × 1 matrix, and ops take ranks 1 and 2 only.
 */
public final class Tensor {
    private final DType dtype;
    private final int rank;
    private final int rows;
    private final int cols;
    private final float[] f;
    private final double[] d;

    private Tensor(DType dtype, int rank, int rows, int cols, float[] f, double[] d) {
        this.dtype = dtype;
        this.rank = rank;
        this.rows = rows;
        this.cols = cols;
        this.f = f;
        this.d = d;
    }

    // ---- creation -------------------------------------------------------------------------------

    /** A zero tensor of the given shape ({@code [n]} or {@code [rows, cols]}; no dimensions for rank 0). */
    public static Tensor zeros(DType dtype, int... shape) {
        int size = sizeOf(shape);
        return dtype == DType.F32 ? make(dtype, shape, new float[size], null) : make(dtype, shape, null, new double[size]);
    }

    /** A zero F32 tensor. */
    public static Tensor zeros(int... shape) {
        return zeros(DType.F32, shape);
    }

    /** A tensor of the given shape filled with {@code value}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        Tensor t = zeros(dtype, shape);
        t.fillInPlace(value);
        return t;
    }

    /** Wraps {@code data} (not copied) as an F32 tensor of the given shape. */
    public static Tensor wrap(float[] data, int... shape) {
        return make(DType.F32, shape, data, null);
    }

    /** Wraps {@code data} (not copied) as an F64 tensor of the given shape. */
    public static Tensor wrap(double[] data, int... shape) {
        return make(DType.F64, shape, null, data);
    }

    /** An F32 rank-1 tensor holding a copy of {@code values}. */
    public static Tensor of(float... values) {
        return wrap(values.clone(), values.length);
    }

    /** An F64 rank-1 tensor holding a copy of {@code values}. */
    public static Tensor of(double... values) {
        return wrap(values.clone(), values.length);
    }

    /** A rank-2 tensor of the given type from rows of equal length. */
    public static Tensor of(DType dtype, double[][] rowsData) {
        int r = rowsData.length;
        int c = r == 0 ? 0 : rowsData[0].length;
        Tensor t = zeros(dtype, r, c);
        for (int i = 0; i < r; i++) {
            if (rowsData[i].length != c) {
                throw new ShapeException("row " + i + " has " + rowsData[i].length + " values, row 0 has " + c);
            }
            for (int j = 0; j < c; j++) {
                t.set(i, j, rowsData[i][j]);
            }
        }
        return t;
    }

    /** An F32 rank-2 tensor from rows of equal length. */
    public static Tensor of(float[][] rowsData) {
        int r = rowsData.length;
        int c = r == 0 ? 0 : rowsData[0].length;
        float[] data = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rowsData[i].length != c) {
                throw new ShapeException("row " + i + " has " + rowsData[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(rowsData[i], 0, data, i * c, c);
        }
        return wrap(data, r, c);
    }

    /** A scalar, stored as a rank-1 tensor of length 1. */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value, 1);
    }

    private static int checkShape(int[] shape) {
        if (shape.length > 2) {
            throw new ShapeException("a tensor has rank 0, 1 or 2, got shape " + Arrays.toString(shape));
        }
        for (int s : shape) {
            if (s < 0) {
                throw new ShapeException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        return shape.length;
    }

    /** Number of elements of a valid shape. */
    private static int sizeOf(int[] shape) {
        int rank = checkShape(shape);
        return rank == 0 ? 1 : rank == 1 ? shape[0] : Math.multiplyExact(shape[0], shape[1]);
    }

    /** A tensor over {@code f} or {@code d}, whose length must match the shape. */
    private static Tensor make(DType dtype, int[] shape, float[] f, double[] d) {
        int length = f != null ? f.length : d.length;
        if (sizeOf(shape) != length) {
            throw new ShapeException("shape " + Arrays.toString(shape) + " needs " + sizeOf(shape)
                    + " values, the array has " + length);
        }
        int rank = shape.length;
        return new Tensor(dtype, rank, rank < 2 ? 1 : shape[0], rank == 0 ? 1 : rank == 1 ? shape[0] : shape[1], f, d);
    }

    // ---- shape ----------------------------------------------------------------------------------

    public DType dtype() {
        return dtype;
    }

    public int rank() {
        return rank;
    }

    /** Rows of the matrix view: the first dimension, or 1 for ranks 0 and 1. */
    public int rows() {
        return rows;
    }

    /** Columns of the matrix view: the last dimension, or 1 for rank 0. */
    public int cols() {
        return cols;
    }

    /** Number of elements. */
    public int size() {
        return rows * cols;
    }

    /** The shape, {@code []}, {@code [n]} or {@code [rows, cols]}; a fresh array. */
    public int[] shape() {
        return rank == 0 ? new int[0] : rank == 1 ? new int[] {cols} : new int[] {rows, cols};
    }

    /** The shape as text, {@code []}, {@code [n]} or {@code [rows, cols]}, for messages. */
    public String shapeString() {
        return rank == 0 ? "[]" : rank == 1 ? "[" + cols + "]" : "[" + rows + ", " + cols + "]";
    }

    /** Whether this tensor has the same rank and shape as {@code other} (dtypes are not compared). */
    public boolean sameShape(Tensor other) {
        return rank == other.rank && rows == other.rows && cols == other.cols;
    }

    // ---- storage --------------------------------------------------------------------------------

    /** The backing F32 array (shared, not copied); fails for an F64 tensor. */
    public float[] floats() {
        if (f == null) {
            throw new IllegalStateException("tensor " + shapeString() + " is F64, not F32");
        }
        return f;
    }

    /** The backing F64 array (shared, not copied); fails for an F32 tensor. */
    public double[] doubles() {
        if (d == null) {
            throw new IllegalStateException("tensor " + shapeString() + " is F32, not F64");
        }
        return d;
    }

    /** Element {@code i} of the flat row-major storage. */
    public double get(int i) {
        return f != null ? f[i] : d[i];
    }

    /** Element at row {@code i}, column {@code j}. */
    public double get(int i, int j) {
        checkIndex(i, j);
        return get(i * cols + j);
    }

    /** The single element of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new ShapeException("item() needs a one-element tensor, got " + shapeString());
        }
        return get(0);
    }

    /** Sets element {@code i} of the flat storage. */
    public void set(int i, double value) {
        if (f != null) {
            f[i] = (float) value;
        } else {
            d[i] = value;
        }
    }

    /** Sets the element at row {@code i}, column {@code j}. */
    public void set(int i, int j, double value) {
        checkIndex(i, j);
        set(i * cols + j, value);
    }

    private void checkIndex(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("index (" + i + ", " + j + ") outside " + shapeString());
        }
    }

    /** Fills every element with {@code value}; returns this. */
    public Tensor fillInPlace(double value) {
        if (f != null) {
            Arrays.fill(f, (float) value);
        } else {
            Arrays.fill(d, value);
        }
        return this;
    }

    /** Copies {@code src} (same number of elements, any dtype, row-major order) into this tensor; returns this. */
    public Tensor copyFromInPlace(Tensor src) {
        Shapes.requireSameSize("copy", this, src);
        if (f != null && src.f != null) {
            System.arraycopy(src.f, 0, f, 0, f.length);
        } else if (d != null && src.d != null) {
            System.arraycopy(src.d, 0, d, 0, d.length);
        } else {
            for (int i = 0, n = size(); i < n; i++) {
                set(i, src.get(i));
            }
        }
        return this;
    }

    /** A deep copy. */
    public Tensor copy() {
        return f != null
                ? new Tensor(dtype, rank, rows, cols, f.clone(), null)
                : new Tensor(dtype, rank, rows, cols, null, d.clone());
    }

    /** A copy converted to {@code target} (this tensor itself if it already has that dtype). */
    public Tensor to(DType target) {
        if (target == dtype) {
            return this;
        }
        return zeros(target, shape()).copyFromInPlace(this);
    }

    /** The same storage seen with another shape of equal size (a view: writes show through). */
    public Tensor reshape(int... shape) {
        if (sizeOf(shape) != size()) {
            throw new ShapeException("cannot reshape " + shapeString() + " to " + Arrays.toString(shape));
        }
        return make(dtype, shape, f, d);
    }

    /** Values as a flat double array (a copy). */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** Row {@code i} as a double array (a copy). */
    public double[] row(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " outside " + shapeString());
        }
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            out[j] = get(i * cols + j);
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shapeString()).append(' ').append(dtype).append(' ');
        int shown = Math.min(size(), 12);
        sb.append('[');
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(get(i));
        }
        return sb.append(size() > shown ? ", …]" : "]").toString();
    }
}
