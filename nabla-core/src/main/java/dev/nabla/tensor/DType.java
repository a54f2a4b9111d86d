package dev.nabla.tensor;

/** Element type of a {@link Tensor}: float32 by default, float64 for gradient checks and users who ask. */
public enum DType {
    F32(4),
    F64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}
