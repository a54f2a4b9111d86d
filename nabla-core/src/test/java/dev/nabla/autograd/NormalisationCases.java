package dev.nabla.autograd;

import static dev.nabla.autograd.GradCheckTableTest.dims;
import static dev.nabla.autograd.GradCheckTableTest.inputs;
import static dev.nabla.autograd.GradCheckTableTest.parameterFor;
import static dev.nabla.autograd.GradCheckTableTest.random;
import static dev.nabla.autograd.GradCheckTableTest.uniform;

import dev.nabla.autograd.GradCheckTableTest.Case;
import dev.nabla.tensor.Activation;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Normalization;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The gradient-check table's rows of batch norm (alone and fused with an activation and dropout), layer norm and dropout. */
final class NormalisationCases {
    private NormalisationCases() {
    }

    static void add(List<Case> cases, SplittableRandom rng) {
        String batchNorm8 = "Functional.batchNorm(Variable,Variable,Variable,Tensor,Tensor,double,double,boolean)";
        String batchNorm11 = "Functional.batchNorm(Variable,Variable,Variable,Tensor,Tensor,double,double,boolean,"
                + "Activation,double,Tensor)";
        for (int[] s : new int[][] {{2, 1}, {3, 4}, {6, 3}, {5, 7}}) {
            int r = s[0], c = s[1];
            String sh = dims(r, c);
            for (boolean training : new boolean[] {true, false}) {
                Tensor mean = random(rng, c);
                Tensor var = uniform(rng, 0.5, 2, c);
                cases.add(new Case("batchNorm " + (training ? "training " : "evaluation ") + sh, batchNorm8,
                        training ? "training" : "evaluation", normInputs(rng, r, c),
                        p -> Functional.batchNorm(p.get("x"), p.get("w"), p.get("b"), mean, var, 0.1, 1e-5, training)));
            }
            cases.add(new Case("layerNorm " + sh, "Functional.layerNorm(Variable,Variable,Variable,double)", "",
                    normInputs(rng, r, c), p -> Functional.layerNorm(p.get("x"), p.get("w"), p.get("b"), 1e-5)));
            long seed = rng.nextLong();
            cases.add(new Case("dropout(0.3) " + sh, "Functional.dropout(Variable,double,long,long)", "",
                    inputs("a", random(rng, r, c)), p -> Functional.dropout(p.get("a"), 0.3, seed, 5)));
            int[] rows = new int[r];
            for (int i = 0; i < r; i++) {
                rows[i] = 2 * i + 1;
            }
            cases.add(new Case("dropout(0.3) rows 1, 3, … of a batch " + sh,
                    "Functional.dropout(Variable,double,long,long,int[])", "", inputs("a", random(rng, r, c)),
                    p -> Functional.dropout(p.get("a"), 0.3, seed, 5, rows)));
        }
        for (Activation f : new Activation[] {Activation.IDENTITY, Activation.TANH, Activation.SIGMOID, Activation.GELU,
                Activation.ELU, Activation.SILU, Activation.SOFTPLUS}) {
            for (boolean training : new boolean[] {true, false}) {
                Tensor mean = random(rng, 3);
                Tensor var = uniform(rng, 0.5, 2, 3);
                Tensor mask = Tensor.zeros(DType.F64, 4, 3);
                Normalization.dropoutMask(rng.nextLong(), 0, 0.3, mask);
                cases.add(new Case("batchNorm+" + f.id() + "+dropout" + (training ? " training" : " evaluation")
                        + " [4, 3]", batchNorm11, f.id(), normInputs(rng, 4, 3), p -> Functional.batchNorm(p.get("x"),
                        p.get("w"), p.get("b"), mean, var, 0.1, 1e-5, training, f, parameterFor(f),
                        training ? mask : null)));
            }
        }
    }

    /** Input x [r, c] (spread and shifted per column), weight γ and bias β [c] of a normalisation. */
    private static Map<String, Tensor> normInputs(SplittableRandom rng, int r, int c) {
        Tensor x = random(rng, r, c);
        for (int j = 0; j < c; j++) {
            double scale = rng.nextDouble(0.5, 3);
            double shift = rng.nextDouble(-2, 2);
            for (int i = 0; i < r; i++) {
                x.set(i, j, x.get(i, j) * scale + shift);
            }
        }
        return inputs("x", x, "w", uniform(rng, 0.5, 1.5, c), "b", random(rng, c));
    }
}
