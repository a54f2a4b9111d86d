package dev.nabla.train;

/** Training cannot go on, e.g. because the loss diverged; the message says where and what to try. */
public final class TrainingException extends RuntimeException {
    public TrainingException(String message) {
        super(message);
    }
}
