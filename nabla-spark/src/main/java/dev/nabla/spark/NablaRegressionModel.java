package dev.nabla.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;

/** A Nabla network that predicts numbers: adds the prediction column (in the label's units). */
public final class NablaRegressionModel extends NablaModel<NablaRegressionModel> {
    private static final long serialVersionUID = 1L;

    public NablaRegressionModel(String uid, byte[] modelFile) {
        super(uid, modelFile);
    }

    /** Reads a model saved with {@code model.write().save(path)} (also what {@code PipelineModel.load} calls). */
    public static MLReader<NablaRegressionModel> read() {
        return new Reader<>(NablaRegressionModel.class, NablaRegressionModel::new);
    }

    public static NablaRegressionModel load(String path) {
        return read().load(path);
    }

    @Override
    String probabilityColumn() {
        return null;
    }

    @Override
    String rawPredictionColumn() {
        return null;
    }

    @Override
    public NablaRegressionModel copy(ParamMap extra) {
        return copyValues(new NablaRegressionModel(uid(), bytes()), extra).setParent(parent());
    }
}
