package dev.nabla.nn;

/** A network that cannot be written in another format, with one line saying which layer kind stands in the way. */
public final class ExportException extends RuntimeException {
    public ExportException(String message) {
        super(message);
    }
}
