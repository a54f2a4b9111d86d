package dev.nabla.train;

import dev.nabla.data.Pipeline;
import dev.nabla.data.Schema;
import dev.nabla.data.Scaling;
import dev.nabla.data.Split;

/**
 * Data ready to train on ({@link Training#prepare}): the split rows, encoded but not scaled, and how they were
 * encoded.
 *
 * @param name    the dataset's name
 * @param split   encoded training, validation and test rows
 * @param pipeline the encoding of raw columns, fitted on the training rows
 * @param schema  the column kinds inferred from the training rows, or null (a matrix, or a model's pipeline reused)
 * @param scaling the input scaling that suits the data
 * @param dropped rows left out because their target was missing
 */
public record Prepared(String name, Split split, Pipeline pipeline, Schema schema, Scaling.Kind scaling, int dropped) {

    /** e.g. {@code credit_data (4039 rows, 27 inputs, target 'Status', binary, 2 classes)}. */
    public String describe() {
        var train = split.train();
        int rows = train.rows() + split.validation().rows() + split.test().rows();
        return name + " (" + rows + " rows, " + train.featureCount() + " inputs, target '" + train.targetName() + "', "
                + train.task().id() + (train.isClassification() ? ", " + train.classNames().size() + " classes" : "")
                + ")";
    }
}
