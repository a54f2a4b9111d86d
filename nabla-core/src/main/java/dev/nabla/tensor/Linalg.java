package dev.nabla.tensor;

import dev.nabla.tensor.kernel.ActivationsF32;
import dev.nabla.tensor.kernel.Gemm;
import dev.nabla.tensor.kernel.RowWiseF32;
import dev.nabla.tensor.kernel.RowWiseF64;

/**
 * Matrix products and row-wise operations on rank-2 tensors (rank-1 tensors act as one row where a row
 * vector is expected). Arguments named {@code c}, {@code out}, {@code dx}, {@code probs} or {@code dst} are
 * written; the others are only read.
 */
public final class Linalg {
    private Linalg() {
    }

    /** C = α·op(A)·op(B) + β·C, where op transposes when the flag is set; no transposed copy is made. */
    public static void matmul(Tensor a, boolean transA, Tensor b, boolean transB, double alpha, double beta, Tensor c) {
        Shapes.requireSameDType("matmul", a, b);
        Shapes.requireSameDType("matmul", a, c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb) {
            throw new ShapeException("matmul: cannot multiply " + opString(a, transA) + " by " + opString(b, transB)
                    + ": inner dimensions " + k + " and " + kb + " differ");
        }
        if (sharesStorage(c, a) || sharesStorage(c, b)) {
            throw new IllegalArgumentException("matmul: the output " + c.shapeString()
                    + " shares storage with an operand; the product would overwrite its own input");
        }
        if (c.rows() != m || c.cols() != n) {
            throw new ShapeException("matmul: " + opString(a, transA) + " · " + opString(b, transB) + " is [" + m
                    + ", " + n + "], the output is " + c.shapeString());
        }
        if (a.dtype() == DType.F32) {
            Gemm.sgemm(transA, transB, m, n, k, (float) alpha, a.floats(), 0, a.cols(), b.floats(), 0, b.cols(),
                    (float) beta, c.floats(), 0, n);
        } else {
            Gemm.dgemm(transA, transB, m, n, k, alpha, a.doubles(), 0, a.cols(), b.doubles(), 0, b.cols(),
                    beta, c.doubles(), 0, n);
        }
    }

    private static boolean sharesStorage(Tensor x, Tensor y) {
        return x.dtype() == DType.F32 ? x.floats() == y.floats() : x.doubles() == y.doubles();
    }

    private static String opString(Tensor t, boolean transposed) {
        return transposed ? t.shapeString() + "ᵀ" : t.shapeString();
    }

    /** out = X + 1bᵀ (out may be x). */
    public static void addRow(Tensor x, Tensor b, Tensor out) {
        Shapes.requireRowVector("add", x, b);
        Shapes.requireSame("add", x, out);
        if (x.dtype() == DType.F32) {
            RowWiseF32.addRow(x.floats(), b.floats(), out.floats(), x.rows(), x.cols());
        } else {
            RowWiseF64.addRow(x.doubles(), b.doubles(), out.doubles(), x.rows(), x.cols());
        }
    }

    /** out (+)= Xᵀ1, the column sums. */
    public static void columnSums(Tensor x, Tensor out, boolean acc) {
        Shapes.requireRowVector("column sums", x, out);
        if (x.dtype() == DType.F32) {
            RowWiseF32.columnSums(x.floats(), out.floats(), x.rows(), x.cols(), acc);
        } else {
            RowWiseF64.columnSums(x.doubles(), out.doubles(), x.rows(), x.cols(), acc);
        }
    }

    /** out = softmax of each row (out may be x). */
    public static void softmax(Tensor x, Tensor out) {
        Shapes.requireSame("softmax", x, out);
        if (x.dtype() == DType.F32) {
            RowWiseF32.softmax(x.floats(), out.floats(), x.rows(), x.cols());
        } else {
            RowWiseF64.softmax(x.doubles(), out.doubles(), x.rows(), x.cols());
        }
    }

    /** out = log-softmax of each row (out may be x). */
    public static void logSoftmax(Tensor x, Tensor out) {
        Shapes.requireSame("logSoftmax", x, out);
        if (x.dtype() == DType.F32) {
            RowWiseF32.logSoftmax(x.floats(), out.floats(), x.rows(), x.cols());
        } else {
            RowWiseF64.logSoftmax(x.doubles(), out.doubles(), x.rows(), x.cols());
        }
    }

    /** dx (+)= y ⊙ (dy − rowsum(dy ⊙ y)), with y = softmax(x). */
    public static void softmaxBackward(Tensor y, Tensor dy, Tensor dx, boolean acc) {
        Shapes.requireSame("softmax backward", y, dy);
        Shapes.requireSame("softmax backward", y, dx);
        if (y.dtype() == DType.F32) {
            RowWiseF32.softmaxBackward(y.floats(), dy.floats(), dx.floats(), y.rows(), y.cols(), acc);
        } else {
            RowWiseF64.softmaxBackward(y.doubles(), dy.doubles(), dx.doubles(), y.rows(), y.cols(), acc);
        }
    }

    /** dx (+)= dy − e^{y}·rowsum(dy), with y = logSoftmax(x). */
    public static void logSoftmaxBackward(Tensor y, Tensor dy, Tensor dx, boolean acc) {
        Shapes.requireSame("logSoftmax backward", y, dy);
        Shapes.requireSame("logSoftmax backward", y, dx);
        if (y.dtype() == DType.F32) {
            RowWiseF32.logSoftmaxBackward(y.floats(), dy.floats(), dx.floats(), y.rows(), y.cols(), acc);
        } else {
            RowWiseF64.logSoftmaxBackward(y.doubles(), dy.doubles(), dx.doubles(), y.rows(), y.cols(), acc);
        }
    }

    /** Σ_i −log softmax(z_i)[labels_i]; writes softmax(Z) into probs. Labels must lie in [0, cols). */
    public static double softmaxCrossEntropy(Tensor z, int[] labels, Tensor probs) {
        Shapes.requireSame("softmax cross-entropy", z, probs);
        if (labels.length != z.rows()) {
            throw new ShapeException("softmax cross-entropy: logits " + z.shapeString() + " need " + z.rows()
                    + " labels, got " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= z.cols()) {
                throw new IllegalArgumentException("softmax cross-entropy: label " + labels[i] + " at row " + i
                        + " is outside [0, " + z.cols() + ") for logits " + z.shapeString());
            }
        }
        return z.dtype() == DType.F32
                ? ActivationsF32.softmaxCrossEntropy(z.floats(), labels, probs.floats(), z.rows(), z.cols())
                : RowWiseF64.softmaxCrossEntropy(z.doubles(), labels, probs.doubles(), z.rows(), z.cols());
    }

    /** Σ_i −Σ_k t_ik·log softmax(z_i)_k for probability targets T; writes softmax(Z) into probs. */
    public static double softmaxCrossEntropy(Tensor z, Tensor targets, Tensor probs) {
        Shapes.requireSame("softmax cross-entropy", z, targets);
        Shapes.requireSame("softmax cross-entropy", z, probs);
        return z.dtype() == DType.F32
                ? RowWiseF32.softmaxCrossEntropySoft(z.floats(), targets.floats(), probs.floats(), z.rows(), z.cols())
                : RowWiseF64.softmaxCrossEntropySoft(z.doubles(), targets.doubles(), probs.doubles(), z.rows(), z.cols());
    }

    /** Σ y·log(1+e^{−z}) + (1−y)·log(1+e^{z}) without overflow; writes σ(z) into probs. */
    public static double binaryCrossEntropy(Tensor z, Tensor y, Tensor probs) {
        Shapes.requireSame("binary cross-entropy", z, y);
        Shapes.requireSame("binary cross-entropy", z, probs);
        return z.dtype() == DType.F32
                ? RowWiseF32.binaryCrossEntropy(z.floats(), y.floats(), probs.floats(), z.size())
                : RowWiseF64.binaryCrossEntropy(z.doubles(), y.doubles(), probs.doubles(), z.size());
    }

    /** Row k of dst = row idx[from + k] of src, for k &lt; dst.rows(): the gather that forms a batch. */
    public static void gatherRows(Tensor src, int[] idx, int from, Tensor dst) {
        Shapes.requireSameDType("gather rows", src, dst);
        if (src.cols() != dst.cols() || from + dst.rows() > idx.length) {
            throw new ShapeException("gather rows: cannot gather " + dst.rows() + " rows of " + src.shapeString()
                    + " into " + dst.shapeString() + " from index " + from + " of " + idx.length);
        }
        int c = src.cols();
        for (int k = 0; k < dst.rows(); k++) {
            int row = idx[from + k];
            if (src.dtype() == DType.F32) {
                System.arraycopy(src.floats(), row * c, dst.floats(), k * c, c);
            } else {
                System.arraycopy(src.doubles(), row * c, dst.doubles(), k * c, c);
            }
        }
    }
}
