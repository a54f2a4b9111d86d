package dev.nabla.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Plain double[][] matrix arithmetic for writing the seeds' closed forms in the tests, independently of
 * the library's kernels (deliberately naive loops: nothing here shares code with {@code dev.nabla.tensor}).
 */
final class Mat {
    private Mat() {
    }

    static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        if (a[0].length != k) {
            throw new IllegalArgumentException("mul: " + a.length + "x" + a[0].length + " · " + k + "x" + m);
        }
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i][p] * b[p][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    static double[][] t(double[][] a) {
        double[][] c = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[j][i] = a[i][j];
            }
        }
        return c;
    }

    /** A ⊙ B. */
    static double[][] hadamard(double[][] a, double[][] b) {
        sameShape(a, b);
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] * b[i][j];
            }
        }
        return c;
    }

    /** α·A + β·B. */
    static double[][] axpby(double alpha, double[][] a, double beta, double[][] b) {
        sameShape(a, b);
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = alpha * a[i][j] + beta * b[i][j];
            }
        }
        return c;
    }

    static double[][] add(double[][] a, double[][] b) {
        return axpby(1, a, 1, b);
    }

    static double[][] sub(double[][] a, double[][] b) {
        return axpby(1, a, -1, b);
    }

    static double[][] scale(double alpha, double[][] a) {
        return map(a, v -> alpha * v);
    }

    static double[][] map(double[][] a, DoubleUnaryOperator f) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = f.applyAsDouble(a[i][j]);
            }
        }
        return c;
    }

    /** A + 1bᵀ: the row vector b added to every row. */
    static double[][] addRow(double[][] a, double[] b) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] + b[j];
            }
        }
        return c;
    }

    /** Aᵀ1: the sum of each column. */
    static double[] columnSums(double[][] a) {
        double[] s = new double[a[0].length];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                s[j] += row[j];
            }
        }
        return s;
    }

    /** The column vector v as an n×1 matrix. */
    static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    /** Entries drawn uniformly from (−scale, scale). */
    static double[][] random(RandomGenerator rng, int rows, int cols, double scale) {
        double[][] c = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[i][j] = (2 * rng.nextDouble() - 1) * scale;
            }
        }
        return c;
    }

    static double[] randomVector(RandomGenerator rng, int n, double scale) {
        return random(rng, 1, n, scale)[0];
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** An F64 tensor [rows, cols] holding a copy of a. */
    static Tensor tensor(double[][] a) {
        return Tensor.of(DType.F64, a);
    }

    /** An F64 rank-1 tensor holding a copy of v. */
    static Tensor tensor(double[] v) {
        return Tensor.of(v.clone());
    }

    /** A tensor's values as rows × cols (a rank-1 tensor of n values becomes 1×n). */
    static double[][] of(Tensor t) {
        double[][] c = new double[t.rows()][t.cols()];
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                c[i][j] = t.get(i * t.cols() + j);
            }
        }
        return c;
    }

    /** max |a − b| / max |b|: the error relative to the size of the expected matrix b. */
    static double relativeError(double[][] actual, double[][] expected) {
        sameShape(actual, expected);
        double diff = 0;
        double size = 0;
        for (int i = 0; i < actual.length; i++) {
            for (int j = 0; j < actual[0].length; j++) {
                diff = Math.max(diff, Math.abs(actual[i][j] - expected[i][j]));
                size = Math.max(size, Math.abs(expected[i][j]));
            }
        }
        return size == 0 ? diff : diff / size;
    }

    /**
     * Asserts actual = expected to {@code tolerance} relative to the largest expected entry; an entrywise
     * relative error would be meaningless for entries that cancel to nearly zero.
     */
    static void assertClose(String what, Tensor actual, double[][] expected, double tolerance) {
        assertThat(actual).as("%s: no gradient reached it", what).isNotNull();
        double[][] a = of(actual);
        assertThat(a.length * a[0].length).as("%s: size", what).isEqualTo(expected.length * expected[0].length);
        if (a.length != expected.length) {
            // A rank-1 gradient of a column-vector closed form (e.g. b̄ as Ḡᵀ1) or the reverse.
            a = reshape(a, expected.length, expected[0].length);
        }
        assertThat(relativeError(a, expected)).as("%s: relative error", what).isLessThanOrEqualTo(tolerance);
    }

    static void assertClose(String what, Tensor actual, double[] expected, double tolerance) {
        assertClose(what, actual, new double[][] {expected}, tolerance);
    }

    static double[][] reshape(double[][] a, int rows, int cols) {
        double[][] c = new double[rows][cols];
        int k = 0;
        for (double[] row : a) {
            for (double v : row) {
                c[k / cols][k % cols] = v;
                k++;
            }
        }
        return c;
    }

    /** Row-wise softmax with the row maximum subtracted. */
    static double[][] softmaxRows(double[][] f) {
        double[][] p = new double[f.length][f[0].length];
        for (int i = 0; i < f.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : f[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int k = 0; k < f[i].length; k++) {
                p[i][k] = Math.exp(f[i][k] - max);
                sum += p[i][k];
            }
            for (int k = 0; k < f[i].length; k++) {
                p[i][k] /= sum;
            }
        }
        return p;
    }

    private static void sameShape(double[][] a, double[][] b) {
        if (a.length != b.length || a[0].length != b[0].length) {
            throw new IllegalArgumentException("shapes " + a.length + "x" + a[0].length + " and " + b.length + "x"
                    + b[0].length + " differ");
        }
    }
}
