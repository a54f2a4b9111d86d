package dev.nabla.data;

/** Input data that cannot be used; the message names the file, line, column or value at fault. */
public final class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
