package dev.nabla.tensor.kernel;

import static dev.nabla.tensor.kernel.SmoothF32.ERFCX;
import static dev.nabla.tensor.kernel.SmoothF32.ERFCX_LIMIT;
import static dev.nabla.tensor.kernel.SmoothF32.EXPM1_LIMIT;
import static dev.nabla.tensor.kernel.SmoothF32.EXP_MAX;
import static dev.nabla.tensor.kernel.SmoothF32.EXP_MIN;
import static dev.nabla.tensor.kernel.SmoothF32.FRAC_1_SQRT_2;
import static dev.nabla.tensor.kernel.SmoothF32.FRAC_1_SQRT_2PI;
import static dev.nabla.tensor.kernel.SmoothF32.GELU_CUBIC;
import static dev.nabla.tensor.kernel.SmoothF32.INVERSE_FACTORIAL;
import static dev.nabla.tensor.kernel.SmoothF32.INVERSE_ODD;
import static dev.nabla.tensor.kernel.SmoothF32.LN2_HI;
import static dev.nabla.tensor.kernel.SmoothF32.LN2_LO;
import static dev.nabla.tensor.kernel.SmoothF32.LOG2E;
import static dev.nabla.tensor.kernel.SmoothF32.MAGIC;
import static dev.nabla.tensor.kernel.SmoothF32.SOFTPLUS_THRESHOLD;
import static dev.nabla.tensor.kernel.SmoothF32.SQRT_2_OVER_PI;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SmoothF32} on the Vector API (loaded only when {@link Vectorization#enabled()}): floats widened to float64
 * lanes that do exactly the scalar operations — both sides of each branch, then a blend — rounded back once, so both
 * paths give the same bits.
 *
 * <p>Everything is written out in the one loop on purpose: C2 boxes a vector that crosses a call it did not inline,
 * and split into helpers — even of under 35 bytes each — these polynomials took it past its inlining budget (up to
 * 3 MB allocated per call). Each activation takes one exponential per element, so the loop picks its argument, runs
 * the exponential's code once, and finishes per activation and direction.
 */
final class VectorSmoothF32 {
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DS.vectorBitSize() / 2));
    private static final int L = DS.length();
    private static final double THREE_CUBIC = 3 * GELU_CUBIC;
    private static final DoubleVector ONE = DoubleVector.broadcast(DS, 1);
    private static final DoubleVector ZERO = DoubleVector.zero(DS);
    private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(DS, -LN2_HI);
    private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(DS, -LN2_LO);
    private static final DoubleVector[] F = broadcasts(INVERSE_FACTORIAL);
    private static final DoubleVector[] O = broadcasts(INVERSE_ODD);
    private static final DoubleVector[] C = broadcasts(ERFCX);

    private VectorSmoothF32() {
    }

    private static DoubleVector[] broadcasts(double[] values) {
        DoubleVector[] out = new DoubleVector[values.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = DoubleVector.broadcast(DS, values[j]);
        }
        return out;
    }

    /** Forward (dy null): out = f(x). Backward: out (+)= dy ⊙ f′(x). Whole vectors only; returns where it stopped. */
    static int apply(Smooth f, float[] x, float[] dy, float[] out, int n, double p, boolean acc) {
        if (SmoothF32.EXP_DEGREE != 9 || SmoothF32.EXPM1_DEGREE != 11 || SmoothF32.LOG1P_TERMS != 9
                || ERFCX.length != 13) {
            return 0; // the unrolled polynomials below follow SmoothF32's degrees
        }
        boolean backward = dy != null;
        DoubleVector alpha = DoubleVector.broadcast(DS, p);
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += L) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(FS, x, i).convertShape(VectorOperators.F2D, DS, 0);
            DoubleVector z = v.abs().mul(FRAC_1_SQRT_2);
            DoubleVector u = v.mul(GELU_CUBIC).mul(v).mul(v).add(v).mul(SQRT_2_OVER_PI);
            DoubleVector a = switch (f) {
                case GELU -> z.mul(z).neg();
                case GELU_TANH -> u.abs().mul(-2);
                case SILU, SOFTPLUS -> v.abs().neg();
                case ELU -> v;
            };
            // e = e^a: SmoothF32.exp
            DoubleVector t = a.max(EXP_MIN).min(EXP_MAX);
            DoubleVector k = t.fma(LOG2E, MAGIC);
            DoubleVector m = k.sub(MAGIC);
            DoubleVector r = m.fma(MINUS_LN2_LO, m.fma(MINUS_LN2_HI, t));
            DoubleVector q = r.fma(F[9], F[8]).fma(r, F[7]).fma(r, F[6]).fma(r, F[5]).fma(r, F[4]).fma(r, F[3])
                    .fma(r, F[2]).fma(r, F[1]).fma(r, F[0]);
            DoubleVector e = q.mul(k.reinterpretAsLongs().add(1023).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles());
            DoubleVector y;
            switch (f) {
                case GELU -> {
                    // SmoothF32.phi and correctedSquare
                    DoubleVector eg = e.mul(ONE.sub(z.fma(z, z.mul(z).neg())));
                    DoubleVector s = ONE.div(z.mul(0.5).add(1));
                    DoubleVector c = s.fma(C[12], C[11]).fma(s, C[10]).fma(s, C[9]).fma(s, C[8]).fma(s, C[7])
                            .fma(s, C[6]).fma(s, C[5]).fma(s, C[4]).fma(s, C[3]).fma(s, C[2]).fma(s, C[1]).fma(s, C[0]);
                    DoubleVector tail = ZERO.blend(eg.mul(0.5).mul(c), z.compare(VectorOperators.LE, ERFCX_LIMIT));
                    DoubleVector phi = ONE.sub(tail).blend(tail, v.compare(VectorOperators.LE, 0));
                    y = backward ? phi.add(v.mul(eg.mul(FRAC_1_SQRT_2PI))) : v.mul(phi);
                }
                case GELU_TANH -> {
                    // x·σ(2u): SmoothF32.sigmoid
                    DoubleVector d = e.add(1);
                    DoubleVector s = e.div(d).blend(ONE.div(d), u.compare(VectorOperators.GE, 0));
                    if (backward) {
                        DoubleVector slope = v.mul(v).mul(THREE_CUBIC).add(1).mul(SQRT_2_OVER_PI);
                        y = s.add(v.mul(2).mul(s.mul(ONE.sub(s))).mul(slope));
                    } else {
                        y = v.mul(s);
                    }
                }
                case SILU -> {
                    DoubleVector d = e.add(1);
                    DoubleVector s = e.div(d).blend(ONE.div(d), v.compare(VectorOperators.GE, 0));
                    y = backward ? s.mul(v.mul(ONE.sub(s)).add(1)) : v.mul(s);
                }
                case ELU -> {
                    if (backward) {
                        y = e.mul(alpha).blend(ONE, v.compare(VectorOperators.GT, 0));
                    } else {
                        // SmoothF32.expm1Series
                        DoubleVector s = v.fma(F[11], F[10]).fma(v, F[9]).fma(v, F[8]).fma(v, F[7]).fma(v, F[6])
                                .fma(v, F[5]).fma(v, F[4]).fma(v, F[3]).fma(v, F[2]).fma(v, F[1]);
                        DoubleVector em1 = e.sub(1).blend(v.mul(s), v.abs().compare(VectorOperators.LT, EXPM1_LIMIT));
                        y = alpha.mul(em1).blend(v, v.compare(VectorOperators.GT, 0));
                    }
                }
                case SOFTPLUS -> {
                    if (backward) {
                        DoubleVector d = e.add(1);
                        y = e.div(d).blend(ONE.div(d), v.compare(VectorOperators.GE, 0))
                                .blend(ONE, v.compare(VectorOperators.GT, SOFTPLUS_THRESHOLD));
                    } else {
                        // SmoothF32.log1p
                        DoubleVector s = e.div(e.add(2));
                        DoubleVector s2 = s.mul(s);
                        DoubleVector l = s2.fma(O[9], O[8]).fma(s2, O[7]).fma(s2, O[6]).fma(s2, O[5]).fma(s2, O[4])
                                .fma(s2, O[3]).fma(s2, O[2]).fma(s2, O[1]).fma(s2, O[0]);
                        y = v.max(0).add(s.mul(2).mul(l)).blend(v, v.compare(VectorOperators.GT, SOFTPLUS_THRESHOLD));
                    }
                }
                default -> throw new IllegalStateException(f.name());
            }
            if (backward) {
                DoubleVector g = ((DoubleVector) FloatVector.fromArray(FS, dy, i)
                        .convertShape(VectorOperators.F2D, DS, 0)).mul(y);
                FloatVector h = (FloatVector) g.convertShape(VectorOperators.D2F, FS, 0);
                if (acc) {
                    h = FloatVector.fromArray(FS, out, i).add(h);
                }
                h.intoArray(out, i);
            } else {
                ((FloatVector) y.convertShape(VectorOperators.D2F, FS, 0)).intoArray(out, i);
            }
        }
        return i;
    }
}
