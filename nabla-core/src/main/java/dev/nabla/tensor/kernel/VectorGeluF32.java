package dev.nabla.tensor.kernel;

import static dev.nabla.tensor.kernel.SmoothF32.ERFCX;
import static dev.nabla.tensor.kernel.SmoothF32.ERFCX_LIMIT;
import static dev.nabla.tensor.kernel.SmoothF32.EXP_MAX;
import static dev.nabla.tensor.kernel.SmoothF32.EXP_MIN;
import static dev.nabla.tensor.kernel.SmoothF32.FRAC_1_SQRT_2;
import static dev.nabla.tensor.kernel.SmoothF32.FRAC_1_SQRT_2PI;
import static dev.nabla.tensor.kernel.SmoothF32.INVERSE_FACTORIAL;
import static dev.nabla.tensor.kernel.SmoothF32.LN2_HI;
import static dev.nabla.tensor.kernel.SmoothF32.LN2_LO;
import static dev.nabla.tensor.kernel.SmoothF32.LOG2E;
import static dev.nabla.tensor.kernel.SmoothF32.MAGIC;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SmoothF32}'s GELU on the Vector API (loaded only when {@link Vectorization#enabled()}): floats widened to
 * float64 lanes that do exactly the scalar operations — both sides of each branch, then a blend — rounded back once,
 * so both paths give the same bits. 45 µs instead of 380 for GELU on 128 × 256.
 *
 * <p>The whole computation is written out in the loop on purpose: C2 boxes a vector that crosses a call it did not
 * inline, and split into helpers — even of under 35 bytes each — these polynomials took it past its inlining budget
 * (1 MB allocated per call). One loop serves forward and backward, which share e^{−x²/2} and Φ.
 */
final class VectorGeluF32 {
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DS.vectorBitSize() / 2));
    private static final int L = DS.length();
    private static final DoubleVector ONE = DoubleVector.broadcast(DS, 1);
    private static final DoubleVector ZERO = DoubleVector.zero(DS);
    private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(DS, -LN2_HI);
    private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(DS, -LN2_LO);
    private static final DoubleVector[] F = new DoubleVector[10];
    private static final DoubleVector[] C = new DoubleVector[ERFCX.length];

    static {
        for (int j = 0; j < F.length; j++) {
            F[j] = DoubleVector.broadcast(DS, INVERSE_FACTORIAL[j]);
        }
        for (int j = 0; j < C.length; j++) {
            C[j] = DoubleVector.broadcast(DS, ERFCX[j]);
        }
    }

    private VectorGeluF32() {
    }

    /**
     * Forward (dy null): out = GELU(x). Backward: out (+)= dy ⊙ GELU′(x). Whole vectors only; returns where it
     * stopped.
     */
    static int apply(float[] x, float[] dy, float[] out, int n, boolean acc) {
        if (SmoothF32.EXP_DEGREE != 9 || ERFCX.length != 13) {
            return 0; // the unrolled polynomials below follow SmoothF32's degrees
        }
        boolean backward = dy != null;
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += L) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(FS, x, i).convertShape(VectorOperators.F2D, DS, 0);
            // e = e^{−z²}, z = |x|/√2, z² = hi + lo: SmoothF32.expMinusHalfSquare
            DoubleVector z = v.abs().mul(FRAC_1_SQRT_2);
            DoubleVector hi = z.mul(z);
            DoubleVector lo = z.fma(z, hi.neg());
            DoubleVector t = hi.neg().max(EXP_MIN).min(EXP_MAX);
            DoubleVector k = t.fma(LOG2E, MAGIC);
            DoubleVector m = k.sub(MAGIC);
            DoubleVector r = m.fma(MINUS_LN2_LO, m.fma(MINUS_LN2_HI, t));
            DoubleVector q = r.fma(F[9], F[8]).fma(r, F[7]).fma(r, F[6]).fma(r, F[5]).fma(r, F[4]).fma(r, F[3])
                    .fma(r, F[2]).fma(r, F[1]).fma(r, F[0]);
            DoubleVector twoN = k.reinterpretAsLongs().add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector e = q.mul(twoN).mul(ONE.sub(lo));
            // Φ(−|x|) = ½·e·erfcx(z), 0 beyond the fit: SmoothF32.tail
            DoubleVector s = ONE.div(z.mul(0.5).add(1));
            DoubleVector p = s.fma(C[12], C[11]).fma(s, C[10]).fma(s, C[9]).fma(s, C[8]).fma(s, C[7]).fma(s, C[6])
                    .fma(s, C[5]).fma(s, C[4]).fma(s, C[3]).fma(s, C[2]).fma(s, C[1]).fma(s, C[0]);
            DoubleVector tail = e.mul(0.5).mul(p).blend(ZERO, z.compare(VectorOperators.GT, ERFCX_LIMIT));
            DoubleVector phi = ONE.sub(tail).blend(tail, v.compare(VectorOperators.LE, 0));
            if (backward) {
                DoubleVector slope = phi.add(v.mul(e.mul(FRAC_1_SQRT_2PI)));
                DoubleVector g = ((DoubleVector) FloatVector.fromArray(FS, dy, i).convertShape(VectorOperators.F2D, DS, 0))
                        .mul(slope);
                FloatVector h = (FloatVector) g.convertShape(VectorOperators.D2F, FS, 0);
                if (acc) {
                    h = FloatVector.fromArray(FS, out, i).add(h);
                }
                h.intoArray(out, i);
            } else {
                ((FloatVector) v.mul(phi).convertShape(VectorOperators.D2F, FS, 0)).intoArray(out, i);
            }
        }
        return i;
    }
}
