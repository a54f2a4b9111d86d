package dev.nabla.bench.workload;

import java.util.Arrays;

/** Medians and floating-point operation counts shared by the workloads. */
final class Stats {
    private Stats() {
    }

    /** The median of the values (the mean of the two middle ones for an even count); the input is not modified. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * Flops of one training step of an MLP at batch B counted as the issue counts them, 6·B·Σ(in·out): forward
     * product, weight gradient and input gradient, 2 flops per multiply-add each.
     */
    static double stepFlops(int batch, int... sizes) {
        double macs = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            macs += (double) sizes[i] * sizes[i + 1];
        }
        return 6 * batch * macs;
    }
}
