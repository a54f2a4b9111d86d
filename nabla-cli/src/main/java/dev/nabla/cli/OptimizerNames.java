package dev.nabla.cli;

import dev.nabla.optim.Optimizers;

/** The optimiser names for {@code --optimizer}'s help, read from the library's one list of them. */
final class OptimizerNames extends NameList {
    OptimizerNames() {
        super(Optimizers.names());
    }
}
