package dev.nabla.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * A Spark ML estimator that trains a Nabla network to predict a number (the label, standardised for training and
 * predicted in its own units), with exact synchronous data parallelism over the data's partitions.
 */
public final class NablaRegressor extends NablaEstimator<NablaRegressionModel, NablaRegressor> {
    private static final long serialVersionUID = 1L;

    public NablaRegressor() {
        this(Identifiable$.MODULE$.randomUID("nablaRegressor"));
    }

    public NablaRegressor(String uid) {
        super(uid);
    }

    @Override
    boolean classifies() {
        return false;
    }

    @Override
    NablaRegressionModel model(byte[] modelFile) {
        return new NablaRegressionModel(uid(), modelFile);
    }

    @Override
    public NablaRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<NablaRegressor> read() {
        return new DefaultParamsReader<>();
    }

    public static NablaRegressor load(String path) {
        return read().load(path);
    }
}
