import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Two builds of Nabla's float32 GEMM side by side in one JVM, for a machine too noisy for figures taken minutes
 * apart: each jar's {@code Gemm} in a class loader of its own, timed in alternating blocks of ≥ 0.2 s per product,
 * 15 pairs of blocks after 6 of warm-up. Prints each build's median GFLOP/s and the median (and quartiles) of the
 * ratio B ÷ A of adjacent blocks, which cancels most of the load that swamps either figure. With one thread the
 * blocks are timed in the calling thread's CPU time, which a neighbour taking the core does not inflate.
 *
 * <pre>
 * git archive main | tar -x -C /tmp/nabla-main &amp;&amp; (cd /tmp/nabla-main &amp;&amp; ./build -q package -pl nabla-core -DskipTests)
 * ./build -q package -pl nabla-core -DskipTests
 * java --add-modules jdk.incubator.vector scripts/GemmAB.java /tmp/nabla-main/nabla-core/target/nabla-core-0.1.0-SNAPSHOT.jar \
 *     nabla-core/target/nabla-core-0.1.0-SNAPSHOT.jar 2 NN:2048:2048:2048 NT:128:256:784
 * </pre>
 * A product is FORM:m:n:k with FORM one of NN, NT, TN (TN with β = 1, as a weight gradient); threads is the kernel
 * thread count of both builds.
 */
public final class GemmAB {
    private static final int PAIRS = 15;
    private static final int WARMUP = 6;

    private GemmAB() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 4) {
            System.err.println("usage: GemmAB A.jar B.jar THREADS FORM:m:n:k ...");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[2]);
        MethodHandle[] gemm = {load(args[0], threads), load(args[1], threads)};
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads == 1 && cpu.isCurrentThreadCpuTimeSupported();
        System.out.println(cpuTime ? "# one thread: rates in the calling thread's CPU time" : "# wall-clock rates");
        System.out.printf("%-20s %10s %10s %8s  %s%n", "product", "A GFLOP/s", "B GFLOP/s", "B ÷ A", "quartiles");
        for (int i = 3; i < args.length; i++) {
            String[] f = args[i].split(":");
            Product p = new Product(f[0].charAt(0) == 'T', f[0].charAt(1) == 'T', Integer.parseInt(f[1]),
                    Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            double[][] rates = new double[2][PAIRS];
            double[] ratios = new double[PAIRS];
            int reps = 1;
            for (int pair = -WARMUP; pair < PAIRS; pair++) {
                double[] rate = new double[2];
                for (int side = 0; side < 2; side++) {
                    long t0 = cpuTime ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
                    for (int r = 0; r < reps; r++) {
                        p.run(gemm[side]);
                    }
                    long t = (cpuTime ? cpu.getCurrentThreadCpuTime() : System.nanoTime()) - t0;
                    rate[side] = p.flops() * reps / t;
                    if (pair < 0 && side == 1) {
                        // Resized after every warm-up pair: the first ones run before the JIT has compiled the path.
                        reps = (int) Math.max(1, 2e8 / Math.max(1, t) * reps);
                    }
                }
                if (pair >= 0) {
                    rates[0][pair] = rate[0];
                    rates[1][pair] = rate[1];
                    ratios[pair] = rate[1] / rate[0];
                }
            }
            Arrays.sort(ratios);
            System.out.printf("%-20s %10.1f %10.1f %8.3f  %.3f–%.3f%n", args[i], median(rates[0]), median(rates[1]),
                    ratios[PAIRS / 2], ratios[PAIRS / 4], ratios[3 * PAIRS / 4]);
        }
    }

    /** {@code Gemm.sgemm} of the jar, with its kernel threads set. */
    private static MethodHandle load(String jar, int threads) throws Throwable {
        URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                GemmAB.class.getClassLoader().getParent());
        Class<?> threadsClass = loader.loadClass("dev.nabla.tensor.kernel.KernelThreads");
        threadsClass.getMethod("setThreads", int.class).invoke(null, threads);
        Class<?> gemm = loader.loadClass("dev.nabla.tensor.kernel.Gemm");
        return MethodHandles.publicLookup().findStatic(gemm, "sgemm", MethodType.methodType(void.class,
                boolean.class, boolean.class, int.class, int.class, int.class, float.class, float[].class, int.class,
                int.class, float[].class, int.class, int.class, float.class, float[].class, int.class, int.class));
    }

    private static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y[y.length / 2];
    }

    /** C = op(A)·op(B) + β·C on random operands, β = 1 for TN. */
    private record Product(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float[] c) {
        Product(boolean ta, boolean tb, int m, int n, int k) {
            this(ta, tb, m, n, k, random(m * k), random(k * n), new float[m * n]);
        }

        double flops() {
            return 2.0 * m * n * k;
        }

        void run(MethodHandle gemm) throws Throwable {
            gemm.invokeExact(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, ta ? 1f : 0f, c, 0, n);
            c[0] = 0; // keeps repeated accumulation (β = 1) from drifting to infinity
        }

        private static float[] random(int size) {
            SplittableRandom rng = new SplittableRandom(size);
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) (rng.nextDouble() - 0.5);
            }
            return x;
        }
    }
}
