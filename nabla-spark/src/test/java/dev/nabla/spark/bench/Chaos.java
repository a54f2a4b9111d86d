package dev.nabla.spark.bench;

import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Threads;
import dev.nabla.train.Trainer;

/** How fast W1's single-process training amplifies a one-ulp change of one weight (the sensitivity of SGD itself). */
public final class Chaos {
    public static void main(String[] args) {
        Dataset train = W1OnSpark.over255(Datasets.idxDirectory(Datasets.DEBIAN_FASHION_MNIST, "fashion-mnist", null).data());
        Threads.set(2);
        for (int steps : new int[] {100, 234, 468}) {
            Dataset part = train.subset(java.util.stream.IntStream.range(0, steps * 128).toArray());
            Trainer trainer = Trainer.builder().epochs(1).batchSize(128).seed(1).build();
            Module a = W1OnSpark.network();
            Module b = W1OnSpark.network();
            Tensor w = b.stateDict().get("0.weight");
            for (int i = 0; i < w.size(); i += 7) {
                w.set(i, Math.nextUp((float) w.get(i)));
            }
            trainer.fit(a, Optimizers.config("sgd", 0.1, null).create(a.parameters()), part, null);
            trainer.fit(b, Optimizers.config("sgd", 0.1, null).create(b.parameters()), part, null);
            System.out.println(steps + " steps: relative difference " + Compare.relativeDifference(a, b));
        }
    }
}
