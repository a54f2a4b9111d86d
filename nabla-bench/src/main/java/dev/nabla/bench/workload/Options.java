package dev.nabla.bench.workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@link Workloads}: which workloads, threads, seed, epochs and where the data is. */
record Options(List<String> workloads, int threads, long seed, int epochs, Path fashionMnist, Path iris,
               boolean tsv) {
    static final String USAGE = """
            usage: workloads [W0|W1|W2|W3|all ...] [--threads N] [--seed S] [--epochs E]
                             [--fashion-mnist DIR] [--iris FILE.csv] [--tsv]
              W0  GEMM alone: GFLOP/s at 2048³ (1 and N threads) and at the W1/W3 layer shapes (NN, NT, TN)
              W1  Fashion-MNIST 784-256-128-10 ReLU, batch 128, SGD 0.1: s/epoch, samples/s, test accuracy
              W2  Iris 4-16-3 tanh, full batch, gradient descent 0.1: µs/step
              W3  random data, batch 1024, 784-2048-2048-10 ReLU, SGD: ms/step and GEMM efficiency
            defaults: all, --threads 2, --seed 1, --epochs 5, --fashion-mnist /usr/share/datasets/fashion-mnist,
                      the bundled Iris CSV; --tsv prints tab-separated rows (workload metric value unit)""";

    static Options parse(String[] args) {
        List<String> names = new ArrayList<>();
        int threads = 2;
        long seed = 1;
        int epochs = 5;
        Path fashion = dev.nabla.data.Datasets.DEBIAN_FASHION_MNIST;
        Path iris = null;
        boolean tsv = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--epochs" -> epochs = Integer.parseInt(value(args, ++i, a));
                case "--fashion-mnist" -> fashion = Path.of(value(args, ++i, a));
                case "--iris" -> iris = Path.of(value(args, ++i, a));
                case "--tsv" -> tsv = true;
                default -> {
                    String w = a.toUpperCase(java.util.Locale.ROOT);
                    if (w.equals("ALL")) {
                        names.addAll(List.of("W0", "W1", "W2", "W3"));
                    } else if (w.matches("W[0-3]")) {
                        names.add(w);
                    } else {
                        throw new IllegalArgumentException("unknown argument: " + a);
                    }
                }
            }
        }
        if (threads < 1 || epochs < 2) {
            throw new IllegalArgumentException("--threads must be at least 1 and --epochs at least 2");
        }
        if (names.isEmpty()) {
            names.addAll(List.of("W0", "W1", "W2", "W3"));
        }
        return new Options(List.copyOf(names), threads, seed, epochs, fashion, iris, tsv);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
