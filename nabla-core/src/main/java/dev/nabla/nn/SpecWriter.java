package dev.nabla.nn;

import java.util.List;

/** Where a {@link LayerSpec} writes its fields for a file (JSON in {@code io}); keys are the file's keys. */
public interface SpecWriter {
    void writeNumber(String key, double value);

    void writeInteger(String key, long value);

    void writeBool(String key, boolean value);

    void writeIntegers(String key, int[] values);

    void writeString(String key, String value);

    /** A list of layers, e.g. a nested sequence. */
    void writeLayers(String key, List<LayerSpec> layers);

    /** A list of layer lists, e.g. the branches of an add layer. */
    void writeBranches(String key, List<List<LayerSpec>> branches);
}
