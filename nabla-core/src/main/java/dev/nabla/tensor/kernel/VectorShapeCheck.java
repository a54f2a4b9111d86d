package dev.nabla.tensor.kernel;

import java.util.Optional;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;

/** Rejects CPUs whose preferred vectors are too narrow to beat the plain loops. Loaded only behind the module check. */
final class VectorShapeCheck {
    private VectorShapeCheck() {
    }

    static Optional<String> unsuitableReason() {
        int bits = VectorShape.preferredShape().vectorBitSize();
        // Below 128 bits (4 float lanes) the Vector API runs scalar emulation, slower than plain Java.
        if (bits < 128 || FloatVector.SPECIES_PREFERRED.length() < 4) {
            return Optional.of("the CPU's preferred vector size is " + bits
                    + " bits, too small for the Vector API kernels: using the plain-Java kernels");
        }
        return Optional.empty();
    }
}
