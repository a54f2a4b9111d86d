package dev.nabla.cli;

import dev.nabla.io.ModelSpecJson;
import dev.nabla.nn.ModelSpec;
import dev.nabla.train.Objective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Option values picocli's types cannot rule out; each failure names the option and the value (exit 2). */
final class Checks {
    private final CommandLine cli;

    Checks(CommandLine cli) {
        this.cli = cli;
    }

    void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            fail(option + " must be a positive number, got " + format(value));
        }
    }

    void positive(String option, int value) {
        if (value <= 0) {
            fail(option + " must be a positive integer, got " + value);
        }
    }

    void nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            fail(option + " must be zero or positive, got " + format(value));
        }
    }

    void nonNegative(String option, int value) {
        if (value < 0) {
            fail(option + " must be zero or positive, got " + value);
        }
    }

    /** A share of the rows: 0 ≤ value < 1. */
    void fraction(String option, double value) {
        if (!(value >= 0 && value < 1)) {
            fail(option + " must be a fraction in [0, 1), got " + format(value));
        }
    }

    /**
     * The value {@code parse} makes of an option's text; the library's {@link IllegalArgumentException} for a bad
     * value becomes this option's error (exit 2) — elsewhere that exception means a bug (exit 1).
     */
    <T> T option(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, option + ": " + e.getMessage(), e);
        }
    }

    /**
     * The network {@code --model-spec} or {@code --layers} describes: the JSON spec when given, else the perceptron
     * of {@code layers} (a bad one refused in one line naming --layers), with these inputs and outputs unless the
     * spec gives them.
     */
    ModelSpec network(Path modelSpec, String layers, int inputs, int outputs) throws IOException {
        return modelSpec != null ? ModelSpecJson.read(modelSpec, inputs, outputs)
                : option("--layers", () -> ModelSpec.mlp(inputs, layers, outputs));
    }

    /**
     * The loss {@code --loss} names for a network of {@code outputs} outputs, or without it softmax cross-entropy for
     * several outputs and {@code forOneOutput} for one; refused when the loss cannot take that many outputs.
     */
    Objective objective(String loss, int outputs, Objective forOneOutput) {
        Objective objective = loss != null ? option("--loss", () -> Objective.fromId(loss))
                : outputs == 1 ? forOneOutput : Objective.SOFTMAX_CROSS_ENTROPY;
        if (objective.kind() == Objective.Kind.SOFTMAX_CROSS_ENTROPY && outputs == 1) {
            fail("--loss cross_entropy needs at least two --outputs, got 1");
        }
        if (objective.kind() == Objective.Kind.BINARY_CROSS_ENTROPY && outputs != 1) {
            fail("--loss binary_cross_entropy needs --outputs 1, got " + outputs);
        }
        return objective;
    }

    void fail(String message) {
        throw new ParameterException(cli, message);
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.format(Locale.ROOT, "%.0f", value)
                : Double.toString(value);
    }
}
