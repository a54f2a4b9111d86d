package dev.nabla.nn;

import dev.nabla.autograd.Grad;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/** The printable layer table of {@link Module#summary(int)}: layer, output shape, parameters. */
final class Summary {
    private Summary() {
    }

    static String of(Module model, int inputFeatures) {
        StringBuilder sb = new StringBuilder();
        String format = "%-6s %-28s %-14s %12s%n";
        sb.append(String.format(format, "#", "layer", "output shape", "parameters"));
        Variable x = Variable.constant(Tensor.zeros(dtypeOf(model), 1, inputFeatures));
        try (Grad.Scope ignored = Grad.noGrad()) {
            if (model instanceof Sequential seq) {
                Map<String, Module> children = seq.children();
                for (Map.Entry<String, Module> e : children.entrySet()) {
                    x = e.getValue().forward(x);
                    sb.append(String.format(format, e.getKey(), e.getValue().describe(), "(N, " + x.data().cols() + ")",
                            e.getValue().parameterCount()));
                }
            } else {
                x = model.forward(x);
                sb.append(String.format(format, "", model.describe(), "(N, " + x.data().cols() + ")", model.parameterCount()));
            }
        }
        sb.append(String.format("total parameters: %d%n", model.parameterCount()));
        return sb.toString();
    }

    private static DType dtypeOf(Module model) {
        return model.parameters().isEmpty() ? DType.F32 : model.parameters().get(0).data().dtype();
    }
}
