package dev.nabla.nn;

import dev.nabla.tensor.Activation;
import java.util.List;

/**
 * One layer of a {@link ModelSpec}: a description as plain data, from which {@link ModelSpec#build} makes
 * the module. Model files and {@code --model-spec} JSON hold these.
 */
public sealed interface LayerSpec {

    /** A {@link Linear} layer Y = X·Wᵀ + b with {@code units} outputs; {@code init} null picks by the next activation. */
    record Dense(int units, boolean bias, Init init) implements LayerSpec {
        public Dense {
            if (units <= 0) {
                throw new IllegalArgumentException("a linear layer needs at least one unit, got " + units);
            }
        }

        public Dense(int units) {
            this(units, true, null);
        }
    }

    /** A pointwise activation Y = f(X); {@code slope} is the leaky-ReLU slope (0 otherwise). */
    record Pointwise(Activation activation, double slope) implements LayerSpec {
        public Pointwise {
            if (activation == Activation.LEAKY_RELU && !(slope > 0 && slope < 1)) {
                throw new IllegalArgumentException("leaky_relu slope must lie in (0, 1), got " + slope);
            }
        }

        public Pointwise(Activation activation) {
            this(activation, activation == Activation.LEAKY_RELU ? 0.01 : 0);
        }
    }

    /** Y = f₁(X) + f₂(X) + …, each branch a list of layers ({@link Add}); e.g. a skip connection. */
    record Branches(List<List<LayerSpec>> branches) implements LayerSpec {
        public Branches {
            if (branches.size() < 2) {
                throw new IllegalArgumentException("an add layer needs at least two branches, got " + branches.size());
            }
            branches = branches.stream().map(List::copyOf).toList();
            for (List<LayerSpec> b : branches) {
                if (b.isEmpty()) {
                    throw new IllegalArgumentException("an add layer's branch may not be empty");
                }
            }
        }
    }
}
