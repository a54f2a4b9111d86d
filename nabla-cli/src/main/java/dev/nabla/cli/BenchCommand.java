package dev.nabla.cli;

import dev.nabla.bench.workload.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code nabla bench}: the end-to-end workloads of BENCHMARKS.md, run in this process (nabla-bench's Workloads). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the benchmark workloads and prints their figures (see BENCHMARKS.md):",
                "  W0  GEMM alone: GFLOP/s at 2048³ and at the W1/W3 layer shapes (NN, NT, TN)",
                "  W1  Fashion-MNIST 784-256-128-10 ReLU, batch 128, SGD 0.1: s/epoch, samples/s, test accuracy",
                "  W2  Iris 4-16-3 tanh, full batch, gradient descent 0.1: µs/step",
                "  W3  random data, batch 1024, 784-2048-2048-10 ReLU, SGD: ms/step and GEMM efficiency",
                "Usage: nabla bench [W0|W1|W2|W3|all ...] --threads N (2), --seed S (1), --epochs E (5), --fashion-mnist DIR, --iris FILE.csv, --tsv"})
final class BenchCommand implements Callable<Integer> {
    /** Workload names and options are parsed by Workloads itself, so they pass through untouched, in order. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (PrintStream out = new PrintStream(new LineForwarder(spec.commandLine().getOut()), true, StandardCharsets.UTF_8)) {
            return Workloads.run(args.toArray(String[]::new), out);
        }
    }

    /** Hands each flushed line to the command's writer, decoded whole so that µ and ³ survive. */
    private static final class LineForwarder extends ByteArrayOutputStream {
        private final PrintWriter target;

        LineForwarder(PrintWriter target) {
            this.target = target;
        }

        @Override
        public synchronized void flush() {
            target.print(toString(StandardCharsets.UTF_8));
            target.flush();
            reset();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
