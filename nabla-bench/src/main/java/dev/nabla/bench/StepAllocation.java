package dev.nabla.bench;

import dev.nabla.tensor.Threads;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Bytes allocated and CPU time per steady-state training step of the 784-256-128-10 network at batch 128, plain
 * and with batch norm and dropout in both hidden layers ({@link Mlp}), read from
 * {@code com.sun.management.ThreadMXBean} for the calling thread. The two networks alternate in windows of the same
 * run, and each window's CPU-time ratio is taken, so the ratio holds on a loaded machine where wall time does not
 * (with one kernel thread all the work is on the stepping thread). Each network steps on a thread of its own:
 * a {@link dev.nabla.train.TrainingStep} takes its temporaries from the innermost workspace open on its thread, so
 * two steps on one thread would share one. Reports medians over the windows.
 * Usage: {@code java --add-modules jdk.incubator.vector -cp nabla-bench.jar dev.nabla.bench.StepAllocation
 * [WARMUP [STEPS [WINDOWS [THREADS [toolkit]]]]]} (defaults 300, 100, 9, 1); {@code toolkit} adds clipping and a
 * schedule to the update half of both.
 */
public final class StepAllocation {
    private StepAllocation() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        Threads.set(args.length > 3 ? Integer.parseInt(args[3]) : 1);
        boolean toolkit = args.length > 4 && args[4].equals("toolkit");
        Stepper[] steppers = {new Stepper(false, toolkit, warmup), new Stepper(true, toolkit, warmup)};
        try {
            long[][] bytes = new long[2][windows];
            double[][] micros = new double[2][windows];
            double[][] wall = new double[2][windows];
            double[] ratio = new double[windows];
            for (int w = 0; w < windows; w++) {
                for (int k = 0; k < 2; k++) {
                    double[] window = steppers[k].window(steps);
                    bytes[k][w] = (long) window[0];
                    micros[k][w] = window[1];
                    wall[k][w] = window[2];
                }
                ratio[w] = micros[1][w] / micros[0][w];
                System.out.printf("window %d: plain %d B/step %.0f µs/step (wall %.0f); batch norm + dropout %d B/step"
                        + " %.0f µs/step (wall %.0f); ratio %.3f%n", w, bytes[0][w], micros[0][w], wall[0][w], bytes[1][w],
                        micros[1][w], wall[1][w], ratio[w]);
            }
            System.out.printf("median over %d windows of %d steps, %d kernel thread(s), CPU time of each network's thread:%n",
                    windows, steps, Threads.count());
            System.out.printf("plain                 %5d bytes/step  %7.1f µs/step%n", median(bytes[0]), median(micros[0]));
            System.out.printf("batch norm + dropout  %5d bytes/step  %7.1f µs/step%n", median(bytes[1]), median(micros[1]));
            System.out.printf("ratio (batch norm + dropout / plain): %.3f%n", median(ratio));
        } finally {
            for (Stepper s : steppers) {
                s.close();
            }
        }
    }

    /** One network on a thread of its own, where it is built, warmed up, stepped and closed. */
    private static final class Stepper implements AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Mlp mlp;

        Stepper(boolean batchNormAndDropout, boolean toolkit, int warmup) {
            mlp = call(() -> {
                Mlp m = new Mlp(batchNormAndDropout, 128, 1, 784, 256, 128, 10);
                if (toolkit) {
                    m.withScheduleAndClipping();
                }
                for (int i = 0; i < warmup; i++) {
                    m.step();
                }
                return m;
            });
        }

        /** Bytes allocated and CPU µs per step over {@code steps} steps, on the stepper's thread. */
        double[] window(int steps) {
            return call(() -> {
                var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long id = Thread.currentThread().threadId();
                long b0 = bean.getThreadAllocatedBytes(id);
                long t0 = bean.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    mlp.step();
                }
                double micros = (bean.getCurrentThreadCpuTime() - t0) / 1e3 / steps;
                double wall = (System.nanoTime() - w0) / 1e3 / steps;
                return new double[] {(double) (bean.getThreadAllocatedBytes(id) - b0) / steps, micros, wall};
            });
        }

        private <T> T call(Callable<T> task) {
            try {
                return thread.submit(task).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            call(() -> {
                mlp.close();
                return null;
            });
            thread.shutdown();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
