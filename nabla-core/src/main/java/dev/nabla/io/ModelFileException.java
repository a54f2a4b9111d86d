package dev.nabla.io;

import java.io.IOException;

/**
 * A model file, tensor file or model-spec file that cannot be read or written. The message is one line that names
 * the file and the tensor or JSON field at fault, e.g. {@code model.safetensors: tensor "0.weight": shape [3, 4]
 * needs 48 bytes, data_offsets span 40}.
 */
public final class ModelFileException extends IOException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
