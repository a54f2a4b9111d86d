package dev.nabla.cli;

import dev.nabla.optim.Optimizers;
import java.util.Arrays;
import java.util.Iterator;

/** The optimiser names for {@code --optimizer}'s help, read from the library's one list of them. */
final class OptimizerNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(Optimizers.names().split(", ")).iterator();
    }
}
