package dev.nabla.autograd;

import dev.nabla.tensor.ShapeException;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;

/** Learned embeddings of integer-coded columns, forward with its backward rule beneath it. */
final class EmbeddingOps {
    private EmbeddingOps() {
    }

    private static final Formula EMBED = Formula.of("embed", "X, E…", "Y = [X·P | onehot(C)·E]",
            "X̄ = Ȳ·Pᵀ; Ē = onehot(C)ᵀ·Ȳ");

    /**
     * Learned embeddings: Y = [X·P | onehot(C)·E], where P keeps the columns of X that are not codes, C is a code
     * column of X (whole numbers 0…L−1) and E its table [L, d] (one block per table, after the other columns).
     * Backward: X̄ = Ȳ·Pᵀ; Ē = onehot(C)ᵀ·Ȳ over the table's block of Ȳ (a scatter-add: rows sharing a code add up);
     * the codes have no gradient.
     */
    static Variable embed(Variable input, int[] columns, Variable[] tables) {
        Tensor x = input.data();
        if (x.rank() != 2) {
            throw new ShapeException("embed: input must be a matrix, got " + x.shapeString());
        }
        if (columns.length != tables.length || columns.length == 0) {
            throw new IllegalArgumentException("embed: " + columns.length + " code columns for " + tables.length
                    + " tables");
        }
        int n = x.rows();
        int d = x.cols();
        boolean[] coded = new boolean[d];
        int outWidth = d - columns.length;
        for (int k = 0; k < columns.length; k++) {
            Tensor w = tables[k].data();
            if (columns[k] < 0 || columns[k] >= d || coded[columns[k]] || w.rank() != 2 || w.dtype() != x.dtype()) {
                throw new ShapeException("embed: code column " + columns[k] + " of " + x.shapeString()
                        + " with table " + w.shapeString());
            }
            coded[columns[k]] = true;
            outWidth += w.cols();
        }
        int width = outWidth;
        int[] codes = new int[n * columns.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < columns.length; k++) {
                double v = x.get(i * d + columns[k]);
                // Codes are whole numbers; a rounding error (or a gradient check's nudge) reads as the nearest one.
                double c = Math.rint(v);
                int rows = tables[k].data().rows();
                if (!(c >= 0 && c < rows) || Math.abs(v - c) > 1e-3) {
                    throw new IllegalArgumentException("embed: row " + i + ", column " + columns[k] + " holds " + v
                            + ", not a code in 0.." + (rows - 1));
                }
                codes[i * columns.length + k] = (int) c;
            }
        }
        Tensor y = Workspace.temporary(x.dtype(), 2, n, width, false);
        for (int i = 0; i < n; i++) {
            int j = 0;
            for (int c = 0; c < d; c++) {
                if (!coded[c]) {
                    y.set(i * width + j++, x.get(i * d + c));
                }
            }
            for (int k = 0; k < columns.length; k++) {
                Tensor w = tables[k].data();
                int row = codes[i * columns.length + k] * w.cols();
                for (int e = 0; e < w.cols(); e++) {
                    y.set(i * width + j++, w.get(row + e));
                }
            }
        }
        Variable[] inputs = new Variable[tables.length + 1];
        inputs[0] = input;
        System.arraycopy(tables, 0, inputs, 1, tables.length);
        return Variable.fromOp(EMBED, y, g -> {
            if (input.requiresGrad()) {
                Tensor gx = input.gradBuffer();
                for (int i = 0; i < n; i++) {
                    int j = 0;
                    for (int c = 0; c < d; c++) {
                        if (!coded[c]) {
                            gx.set(i * d + c, gx.get(i * d + c) + g.get(i * width + j++));
                        }
                    }
                }
            }
            int offset = d - columns.length;
            for (int k = 0; k < columns.length; k++) {
                Tensor w = tables[k].data();
                if (tables[k].requiresGrad()) {
                    Tensor gw = tables[k].gradBuffer();
                    for (int i = 0; i < n; i++) {
                        int row = codes[i * columns.length + k] * w.cols();
                        for (int e = 0; e < w.cols(); e++) {
                            gw.set(row + e, gw.get(row + e) + g.get(i * width + offset + e));
                        }
                    }
                }
                offset += w.cols();
            }
        }, inputs);
    }
}
