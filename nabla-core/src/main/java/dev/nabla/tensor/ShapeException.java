package dev.nabla.tensor;

/** A tensor had the wrong shape for an operation; the message names every shape involved. */
public final class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
