package dev.nabla.train;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Dataset;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import java.util.List;
import java.util.function.Function;

/**
 * Where a {@link Training} recipe runs its training loop: {@link #LOCAL}, the {@link Trainer} in this process, or
 * elsewhere with the same result (nabla-spark's data-parallel loop). The recipe has prepared everything else: the
 * network with its initial weights, the scaled rows and the trainer's settings.
 */
@FunctionalInterface
public interface TrainingLoop {
    /** The trainer's own loop, in this process. */
    TrainingLoop LOCAL = (trainer, network, optimizer, train, validation, resume) ->
            trainer.fit(network, optimizer.apply(network.parameters()), train, validation, resume);

    /**
     * Trains {@code network} in place as {@link Trainer#fit} does, with an optimiser made by {@code optimizer} from
     * the network's parameters, from the start or from {@code resume} (null: the start); returns the history
     * (listeners of the trainer are called as by {@link Trainer#fit}).
     */
    History fit(Trainer trainer, Module network, Function<List<Variable>, Optimizer> optimizer, Dataset train,
                Dataset validation, TrainingState resume);
}
