package dev.nabla.explain;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A tensor as printed rows of numbers, six significant digits, columns aligned; big ones cut to a corner. */
final class Matrices {
    /** Rows and columns shown before the rest is left out. */
    static final int MAX = 8;

    private Matrices() {
    }

    /** One number as printed: six significant digits. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s.replaceFirst("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
    }

    /** The tensor's rows (a vector as one row), each a line of right-aligned numbers in brackets. */
    static List<String> lines(Tensor t) {
        int rows = t.rank() == 1 ? 1 : t.rows();
        int cols = t.rank() == 1 ? t.size() : t.cols();
        int shownRows = Math.min(rows, MAX);
        int shownCols = Math.min(cols, MAX);
        String[][] cells = new String[shownRows][shownCols];
        int width = 1;
        for (int i = 0; i < shownRows; i++) {
            for (int j = 0; j < shownCols; j++) {
                cells[i][j] = number(t.get(i * cols + j));
                width = Math.max(width, cells[i][j].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < shownRows; i++) {
            StringBuilder sb = new StringBuilder("[");
            for (int j = 0; j < shownCols; j++) {
                sb.append(' ').append(" ".repeat(width - cells[i][j].length())).append(cells[i][j]);
            }
            sb.append(cols > shownCols ? "  … ]" : " ]");
            out.add(sb.toString());
        }
        if (rows > shownRows || cols > shownCols) {
            out.add("(" + shownRows + " of " + rows + " rows, " + shownCols + " of " + cols + " columns shown)");
        }
        return out;
    }
}
