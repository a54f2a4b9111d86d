package dev.nabla.bench;

import dev.nabla.tensor.Threads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One float32 training step (forward, softmax cross-entropy, backward, SGD update) of a 784-256-128-10
 * ReLU network at batch 128; {@code update=toolkit} adds clipping by value and norm and a one-cycle schedule
 * with warm-up to the update half. Run with {@code -prof gc} for bytes allocated per step (gc.alloc.rate.norm).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {
    /** Kernel threads (the GEMM splits large products across them). */
    @Param({"1", "2"})
    public int threads;

    /** {@code plain}: the optimiser's step alone; {@code toolkit}: with clipping and a schedule. */
    @Param({"plain", "toolkit"})
    public String update;

    private Mlp mlp;

    @Setup(Level.Trial)
    public void setUp() {
        Threads.set(threads);
        mlp = new Mlp(128, 1, 784, 256, 128, 10);
        if (update.equals("toolkit")) {
            mlp.withScheduleAndClipping();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mlp.close();
    }

    @Benchmark
    public double step() {
        return mlp.step();
    }
}
