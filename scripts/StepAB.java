import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Same-run A/B timing of the benchmark training step (nabla-bench's {@code Mlp}: 784-256-128-10 ReLU, batch 128,
 * float32, SGD) from two nabla-bench jars, each in a class loader of its own, in alternating blocks of steps, so
 * that both see the same machine load; prints the median time per step of each and the median of the per-block
 * ratios B/A. On a shared machine the ratio of adjacent blocks is steadier than either time.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector scripts/StepAB.java A.jar B.jar [toolkit] [blocks]}
 * (B with {@code toolkit}: clipping and a schedule in its update half, as TrainingStepBenchmark's update=toolkit).
 * Both jars run their kernels on all processors.
 */
public class StepAB {
    static final int STEPS_PER_BLOCK = 20;

    public static void main(String[] args) throws Exception {
        boolean toolkit = args.length > 2 && args[2].equals("toolkit");
        int blocks = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        Object a = mlp(args[0], false);
        Object b = mlp(args[1], toolkit);
        Method stepA = a.getClass().getDeclaredMethod("step");
        Method stepB = b.getClass().getDeclaredMethod("step");
        stepA.setAccessible(true);
        stepB.setAccessible(true);
        for (int i = 0; i < 200; i++) {
            stepA.invoke(a);
            stepB.invoke(b);
        }
        List<Double> ta = new ArrayList<>();
        List<Double> tb = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        for (int k = 0; k < blocks; k++) {
            // Alternate which goes first so that neither always follows the other.
            boolean aFirst = k % 2 == 0;
            double first = time(aFirst ? stepA : stepB, aFirst ? a : b);
            double second = time(aFirst ? stepB : stepA, aFirst ? b : a);
            double x = aFirst ? first : second;
            double y = aFirst ? second : first;
            ta.add(x);
            tb.add(y);
            ratio.add(y / x);
        }
        System.out.printf("A %s: median %.1f µs/step%n", Path.of(args[0]).getFileName(), median(ta));
        System.out.printf("B %s%s: median %.1f µs/step%n", Path.of(args[1]).getFileName(), toolkit ? " (toolkit)" : "",
                median(tb));
        System.out.printf("B/A: median of %d block ratios %.3f (quartiles %.3f–%.3f)%n", blocks, median(ratio),
                quantile(ratio, 0.25), quantile(ratio, 0.75));
    }

    static Object mlp(String jar, boolean toolkit) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass("dev.nabla.bench.Mlp");
        Constructor<?> c = type.getDeclaredConstructor(int.class, long.class, int[].class);
        c.setAccessible(true);
        Object mlp = c.newInstance(128, 1L, new int[] {784, 256, 128, 10});
        if (toolkit) {
            Method m = type.getDeclaredMethod("withScheduleAndClipping");
            m.setAccessible(true);
            m.invoke(mlp);
        }
        return mlp;
    }

    static double time(Method step, Object mlp) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < STEPS_PER_BLOCK; i++) {
            step.invoke(mlp);
        }
        return (System.nanoTime() - t0) / 1e3 / STEPS_PER_BLOCK;
    }

    static double median(List<Double> v) {
        return quantile(v, 0.5);
    }

    static double quantile(List<Double> v, double q) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
