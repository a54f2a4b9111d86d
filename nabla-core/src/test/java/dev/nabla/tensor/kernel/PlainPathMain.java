package dev.nabla.tensor.kernel;

/** Run in a child JVM by {@link VectorizationTest}: prints the path taken and one product. */
public final class PlainPathMain {
    private PlainPathMain() {
    }

    public static void main(String[] args) {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        double[] cd = new double[1];
        Gemm.dgemm(false, true, 1, 1, 3, 1, new double[] {1, 2, 3}, 0, 3, new double[] {4, 5, 6}, 0, 3, 0, cd, 0, 1);
        System.out.println("vector=" + Vectorization.enabled() + " c=" + java.util.Arrays.toString(c) + " d=" + cd[0]);
    }
}
