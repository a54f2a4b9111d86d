package dev.nabla.nn;

import java.util.random.RandomGenerator;

/**
 * One layer kind as plain data — the one place that knows the kind: its file name and fields (through its
 * {@link LayerKind}s), the module it builds, its output width and its summary line. Model files and
 * {@code --model-spec} JSON hold these; every built-in {@link Module} gives its own back with {@link Module#spec()}.
 * Adding a kind is one record here (listed in {@code permits}, with a static {@code KINDS} list) and its module;
 * its ONNX form is {@link #onnx}.
 */
public sealed interface LayerSpec
        permits LinearSpec, ActivationSpec, BatchNormSpec, LayerNormSpec, DropoutSpec, AddSpec, SequentialSpec,
        SoftmaxSpec, EmbeddingSpec {

    /** The name of this layer's kind in files, e.g. {@code linear} or {@code leaky_relu}. */
    String type();

    /**
     * Width of the output for inputs of {@code width} features; by default {@code width}, as for activations,
     * normalisations and dropout.
     *
     * @throws IllegalArgumentException when this layer cannot take such inputs
     */
    default int outputWidth(int width) {
        return width;
    }

    /** The widest row this layer makes or takes for inputs of {@code width}: its output's, or inside its branches. */
    default int maxWidth(int width) {
        return Math.max(width, outputWidth(width));
    }

    /**
     * Numbers in this layer's state dict (parameters and buffers) for inputs of {@code width} features, counted without
     * building it: a size read from a file is checked against this before anything is allocated. None for a layer
     * without parameters or buffers (an activation); {@code ModelSpecTest} checks it against built networks.
     */
    default long stateSize(int width) {
        return 0;
    }

    /** A fresh module for inputs of {@code width} features, drawing any initial weights from {@code rng}. */
    Module build(int width, LayerSpec next, RandomGenerator rng);

    /** Writes the fields other than {@code type}; {@link LayerKind#read} reads them back to an equal spec. */
    void write(SpecWriter out);

    /** The summary line for inputs of {@code width} features, e.g. {@code Linear(784 → 256)}. */
    String describe(int width);

    /**
     * The initialiser a linear layer right before this one draws its weights with, or null to ask the layer
     * after this one (a normalisation or dropout layer has no say).
     */
    default Init initBefore() {
        return null;
    }

    /**
     * Writes this layer's ONNX nodes for an input {@code input} of [N, {@code width}] and returns the name of the
     * output, its parameters named as in the state dict. A kind without an ONNX form keeps this default.
     *
     * @throws ExportException naming the kind when it has no ONNX form
     */
    default String onnx(OnnxNodes out, String input, int width) {
        throw new ExportException("layer kind '" + type() + "' has no ONNX form; the network cannot be exported");
    }
}
