package dev.nabla.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * A Spark ML estimator that trains a Nabla network to predict classes, with exact synchronous data parallelism
 * over the data's partitions. The label holds class indices 0…K−1 (StringIndexer's output; its labels become the
 * model's class names):
 * <pre>{@code
 * Pipeline p = new Pipeline().setStages(new PipelineStage[] {
 *         new VectorAssembler().setInputCols(columns).setOutputCol("features"),
 *         new StringIndexer().setInputCol("species").setOutputCol("label"),
 *         new NablaClassifier().setLayers("32:relu").setEpochs(50)});
 * PipelineModel model = p.fit(train);
 * }</pre>
 */
public final class NablaClassifier extends NablaEstimator<NablaClassificationModel, NablaClassifier> {
    private static final long serialVersionUID = 1L;

    public NablaClassifier() {
        this(Identifiable$.MODULE$.randomUID("nablaClassifier"));
    }

    public NablaClassifier(String uid) {
        super(uid);
    }

    @Override
    boolean classifies() {
        return true;
    }

    @Override
    NablaClassificationModel model(byte[] modelFile) {
        return new NablaClassificationModel(uid(), modelFile);
    }

    @Override
    public NablaClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<NablaClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static NablaClassifier load(String path) {
        return read().load(path);
    }
}
