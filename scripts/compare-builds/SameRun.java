import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.*;

/**
 * Same-run comparison of the plain training step (784-256-128-10, batch 128, one kernel thread) in two builds of
 * nabla-bench: args PROBE_CLASSES OLD.jar NEW.jar. Each build is loaded by its own class loader and steps on its own
 * thread; windows of 100 steps alternate, and each window's ratio of CPU time per step (ThreadMXBean) is taken, so
 * the ratio holds on a loaded machine. Prints the medians over 15 windows.
 */
public class SameRun {
    public static void main(String[] a) throws Exception {
        int windows = 15, steps = 100;
        ExecutorService[] ex = {Executors.newSingleThreadExecutor(), Executors.newSingleThreadExecutor()};
        Method[] window = new Method[2];
        Object[] mlp = new Object[2];
        for (int k = 0; k < 2; k++) {
            URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(a[0]).toUri().toURL(),
                    Path.of(a[k + 1]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c = cl.loadClass("dev.nabla.bench.PlainCpu");
            Method make = c.getMethod("make", int.class);
            window[k] = c.getMethod("window", Object.class, int.class);
            mlp[k] = ex[k].submit(() -> make.invoke(null, 300)).get();
        }
        double[][] us = new double[2][windows];
        double[] ratio = new double[windows];
        for (int w = 0; w < windows; w++) {
            for (int k = 0; k < 2; k++) {
                final int kk = k;
                us[k][w] = (double) ex[k].submit(() -> window[kk].invoke(null, mlp[kk], steps)).get();
            }
            ratio[w] = us[1][w] / us[0][w];
            System.out.printf("window %2d: old %.0f µs/step, new %.0f µs/step, new/old %.3f%n", w, us[0][w], us[1][w], ratio[w]);
        }
        Arrays.sort(us[0]); Arrays.sort(us[1]); Arrays.sort(ratio);
        System.out.printf("median: old %.1f µs/step, new %.1f µs/step, new/old %.3f%n", us[0][windows/2], us[1][windows/2], ratio[windows/2]);
        for (ExecutorService e : ex) e.shutdownNow();
    }
}
