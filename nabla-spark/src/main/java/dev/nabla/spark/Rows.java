package dev.nabla.spark;

import dev.nabla.data.Dataset;
import dev.nabla.data.Task;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Training rows as bytes, the form in which they reach a replica: a header (rows, features, dtype, target columns),
 * the features row-major in their dtype and the targets as float32 (class labels are exact up to 2²⁴), all
 * little-endian. A partition's blocks joined in order are its rows.
 *
 * @param features  X, [rows, features], float32 or float64
 * @param targets   labels as a vector [rows] (several classes) or [rows, 1] (two classes, numbers)
 */
record Rows(Tensor features, Tensor targets) {
    private static final int HEADER = 4 * Integer.BYTES;

    int count() {
        return features.rows();
    }

    /** The rows as a dataset of a {@code task} target with {@code classes} classes named by number (0: numbers). */
    Dataset dataset(Task task, int classes) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features.cols(); j++) {
            names.add("x" + j);
        }
        if (task == Task.REGRESSION) {
            return Dataset.regression("validation", features, names, "y", targets.to(DType.F32).floats());
        }
        int[] labels = new int[count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) targets.get(i);
        }
        List<String> classNames = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            classNames.add(Integer.toString(k));
        }
        return Dataset.classification("validation", features, names, "y", labels, classNames);
    }

    /** The number of rows in a block. */
    static int count(byte[] block) {
        return ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    /** {@code block} preceded by the global number of its first row. */
    static byte[] withOffset(long first, byte[] block) {
        return ByteBuffer.allocate(Long.BYTES + block.length).order(ByteOrder.LITTLE_ENDIAN).putLong(first).put(block)
                .array();
    }

    /** The first row's global number of a block made by {@link #withOffset}. */
    static long offset(byte[] piece) {
        return ByteBuffer.wrap(piece).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /** The block of a piece made by {@link #withOffset}. */
    static byte[] withoutOffset(byte[] piece) {
        return java.util.Arrays.copyOfRange(piece, Long.BYTES, piece.length);
    }

    /** Rows {@code from} (inclusive) to {@code to} of {@code features} and {@code targets} as a block. */
    static byte[] encode(Tensor features, Tensor targets, int from, int to) {
        int n = to - from;
        int d = features.cols();
        boolean f64 = features.dtype() == DType.F64;
        int targetCols = targets.rank() == 1 ? 0 : targets.cols();
        int width = Math.max(1, targetCols);
        ByteBuffer b = ByteBuffer.allocate(HEADER + n * d * (f64 ? Double.BYTES : Float.BYTES) + n * width * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(n).putInt(d).putInt(f64 ? 1 : 0).putInt(targetCols);
        if (f64) {
            b.asDoubleBuffer().put(features.doubles(), from * d, n * d);
            b.position(b.position() + n * d * Double.BYTES);
        } else {
            b.asFloatBuffer().put(features.floats(), from * d, n * d);
            b.position(b.position() + n * d * Float.BYTES);
        }
        for (int i = from * width; i < to * width; i++) {
            b.putFloat((float) targets.get(i));
        }
        return b.array();
    }

    /** The rows of {@code blocks} in order, all of the same widths and dtype; {@code empty} describes no block. */
    static Rows decode(List<byte[]> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a partition without rows cannot hold a replica");
        }
        ByteBuffer first = ByteBuffer.wrap(blocks.get(0)).order(ByteOrder.LITTLE_ENDIAN);
        int d = first.getInt(4);
        boolean f64 = first.getInt(8) == 1;
        int targetCols = first.getInt(12);
        int width = Math.max(1, targetCols);
        int total = 0;
        for (byte[] block : blocks) {
            total += ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        }
        Tensor x = Tensor.zeros(f64 ? DType.F64 : DType.F32, total, d);
        float[] y = new float[total * width];
        int row = 0;
        for (byte[] block : blocks) {
            ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
            int n = b.getInt(0);
            b.position(HEADER);
            if (f64) {
                b.asDoubleBuffer().get(x.doubles(), row * d, n * d);
                b.position(b.position() + n * d * Double.BYTES);
            } else {
                b.asFloatBuffer().get(x.floats(), row * d, n * d);
                b.position(b.position() + n * d * Float.BYTES);
            }
            b.asFloatBuffer().get(y, row * width, n * width);
            row += n;
        }
        return new Rows(x, targetCols == 0 ? Tensor.wrap(y, total) : Tensor.wrap(y, total, targetCols));
    }
}
