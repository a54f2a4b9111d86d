package dev.nabla.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;

/** A Nabla network that predicts classes: adds rawPrediction, probability and prediction (the class index). */
public final class NablaClassificationModel extends NablaModel<NablaClassificationModel> {
    private static final long serialVersionUID = 1L;
    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;

    public NablaClassificationModel(String uid, byte[] modelFile) {
        super(uid, modelFile);
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column name");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "raw network outputs column name");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
    }

    /** Reads a model saved with {@code model.write().save(path)} (also what {@code PipelineModel.load} calls). */
    public static MLReader<NablaClassificationModel> read() {
        return new Reader<>(NablaClassificationModel.class, NablaClassificationModel::new);
    }

    public static NablaClassificationModel load(String path) {
        return read().load(path);
    }

    /** The class names, index = the prediction column's value. */
    public java.util.List<String> classNames() {
        return trained().classNames();
    }

    @Override
    String probabilityColumn() {
        return getOrDefault(probabilityCol);
    }

    @Override
    String rawPredictionColumn() {
        return getOrDefault(rawPredictionCol);
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    public NablaClassificationModel setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public NablaClassificationModel setRawPredictionCol(String value) {
        set(rawPredictionCol, value);
        return this;
    }

    @Override
    public NablaClassificationModel copy(ParamMap extra) {
        return copyValues(new NablaClassificationModel(uid(), bytes()), extra).setParent(parent());
    }
}
