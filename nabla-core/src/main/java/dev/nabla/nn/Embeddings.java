package dev.nabla.nn;

import dev.nabla.autograd.Functional;
import dev.nabla.autograd.Variable;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Learned embeddings of integer-coded input columns (categories with many levels): Y = [X without the code columns |
 * W₁[c₁] | W₂[c₂] | …]. Table k, {@code k.weight} of shape [codes, dimension], starts N(0, 1) as PyTorch's
 * {@code nn.Embedding}.
 */
public final class Embeddings extends Module {
    private final int[] columns;
    private final int[] codes;
    private final int[] dimensions;

    /** Tables for the code columns {@code columns} of the input, drawn from {@code rng}. */
    public Embeddings(int[] columns, int[] codes, int[] dimensions, RandomGenerator rng) {
        this.columns = columns.clone();
        this.codes = codes.clone();
        this.dimensions = dimensions.clone();
        for (int k = 0; k < columns.length; k++) {
            Tensor w = Tensor.zeros(DType.F32, codes[k], dimensions[k]);
            for (int i = 0; i < w.size(); i++) {
                w.set(i, rng.nextGaussian());
            }
            registerModule(Integer.toString(k), new Table(w));
        }
    }

    /** One table; a module of its own so that its parameter is named {@code k.weight}, as in an nn.ModuleList. */
    private static final class Table extends Module {
        Table(Tensor weight) {
            registerParameter("weight", Variable.parameter(weight));
        }

        @Override
        public Variable forward(Variable x) {
            throw new UnsupportedOperationException("an embedding table is used by its Embeddings");
        }
    }

    @Override
    public Variable forward(Variable x) {
        Variable[] tables = new Variable[columns.length];
        for (int k = 0; k < tables.length; k++) {
            tables[k] = children().get(Integer.toString(k)).namedParameters().get("weight");
        }
        return Functional.embed(x, columns, tables);
    }

    @Override
    public EmbeddingSpec spec() {
        return new EmbeddingSpec(columns, codes, dimensions);
    }
}
