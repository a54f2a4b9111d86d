package dev.nabla.spark;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsWritable;

/**
 * The training settings of {@link NablaClassifier} and {@link NablaRegressor} as Spark ML params, named as on Nabla's
 * command line, with their defaults, getters and chained setters. Public, as Spark finds params by reflection on
 * public methods.
 *
 * @param <M> the model the estimator makes
 * @param <E> the estimator itself, which its setters return
 */
public abstract class NablaParams<M extends Model<M>, E extends NablaParams<M, E>> extends Estimator<M>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> layers;
    private final Param<String> modelSpec;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final DoubleParam weightDecay;
    private final Param<String> schedule;
    private final IntParam warmup;
    private final Param<String> loss;
    private final IntParam batchSize;
    private final IntParam epochs;
    private final IntParam seed;
    private final Param<String> scaling;
    private final DoubleParam clipNorm;
    private final DoubleParam clipValue;
    private final IntParam partitions;
    private final IntParam threads;
    private final Param<String> sparkMode;

    NablaParams(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "features column name (a vector)");
        inputCols = new StringArrayParam(this, "inputCols", "raw input columns, read through Nabla's table pipeline "
                + "instead of a features vector (empty: the features vector)");
        labelCol = new Param<>(this, "labelCol", "label column name");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        layers = new Param<>(this, "layers", "hidden layers, e.g. 64:relu,32:tanh");
        modelSpec = new Param<>(this, "modelSpec", "a JSON network description instead of layers (empty: none)");
        optimizer = new Param<>(this, "optimizer", "optimizer NAME[:OPTIONS] as on the command line, e.g. adam or lbfgs");
        learningRate = new DoubleParam(this, "learningRate", "learning rate (NaN: the optimizer's usual one)");
        weightDecay = new DoubleParam(this, "weightDecay", "weight decay as torch.optim applies it (NaN: the default)");
        schedule = new Param<>(this, "schedule", "learning-rate schedule NAME[:ARGS] (empty: constant)");
        warmup = new IntParam(this, "warmup", "linear warm-up steps", ParamValidators.gtEq(0));
        loss = new Param<>(this, "loss", "loss NAME[:ARGS] (empty: chosen by the target)");
        batchSize = new IntParam(this, "batchSize", "rows per mini-batch", ParamValidators.gt(0));
        epochs = new IntParam(this, "epochs", "passes over the training rows", ParamValidators.gt(0));
        seed = new IntParam(this, "seed", "seed of the initial weights and the shuffling");
        scaling = new Param<>(this, "scaling", "feature scaling fitted on the rows: standard, minmax or none",
                ParamValidators.inArray(java.util.Arrays.stream(dev.nabla.data.Scaling.Kind.values())
                        .map(dev.nabla.data.Scaling.Kind::id).toArray(String[]::new)));
        clipNorm = new DoubleParam(this, "clipNorm", "clip the gradients' global L2 norm (0: no)", ParamValidators.gtEq(0));
        clipValue = new DoubleParam(this, "clipValue", "clamp every gradient element (0: no)", ParamValidators.gtEq(0));
        partitions = new IntParam(this, "partitions", "replicas (0: the data's partitions, at most the slots)",
                ParamValidators.gtEq(0));
        threads = new IntParam(this, "threads", "kernel threads per replica", ParamValidators.gt(0));
        sparkMode = new Param<>(this, "sparkMode", "how gradients are summed: barrier (a ring in one stage) or driver "
                + "(full-batch optimisers: one job per loss evaluation)", ParamValidators.inArray(
                java.util.Arrays.stream(DataParallel.Mode.values()).map(DataParallel.Mode::id).toArray(String[]::new)));
        setDefault(featuresCol, "features");
        setDefault(inputCols, new String[0]);
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(layers, "64:relu");
        setDefault(modelSpec, "");
        setDefault(optimizer, "adam");
        setDefault(learningRate, Double.NaN);
        setDefault(weightDecay, Double.NaN);
        setDefault(schedule, "");
        setDefault(warmup, 0);
        setDefault(loss, "");
        setDefault(batchSize, 32);
        setDefault(epochs, 10);
        setDefault(seed, 42);
        setDefault(scaling, "standard");
        setDefault(clipNorm, 0.0);
        setDefault(clipValue, 0.0);
        setDefault(partitions, 0);
        setDefault(threads, 1);
        setDefault(sparkMode, DataParallel.Mode.BARRIER.id());
    }

    @Override
    public String uid() {
        return uid;
    }

    /** An int param's value. */
    int whole(IntParam p) {
        return (Integer) getOrDefault(p);
    }

    /** A double param's value. */
    double number(DoubleParam p) {
        return (Double) getOrDefault(p);
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public StringArrayParam inputCols() {
        return inputCols;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> layers() {
        return layers;
    }

    public Param<String> modelSpec() {
        return modelSpec;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public DoubleParam weightDecay() {
        return weightDecay;
    }

    public Param<String> schedule() {
        return schedule;
    }

    public IntParam warmup() {
        return warmup;
    }

    public Param<String> loss() {
        return loss;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public IntParam epochs() {
        return epochs;
    }

    public IntParam seed() {
        return seed;
    }

    public Param<String> scaling() {
        return scaling;
    }

    public DoubleParam clipNorm() {
        return clipNorm;
    }

    public DoubleParam clipValue() {
        return clipValue;
    }

    public IntParam partitions() {
        return partitions;
    }

    public IntParam threads() {
        return threads;
    }

    public Param<String> sparkMode() {
        return sparkMode;
    }

    @SuppressWarnings("unchecked")
    private E self() {
        return (E) this;
    }

    public E setFeaturesCol(String value) {
        set(featuresCol, value);
        return self();
    }

    /** Trains on these raw columns through Nabla's table pipeline instead of a features vector. */
    public E setInputCols(String[] value) {
        set(inputCols, value);
        return self();
    }

    public E setLabelCol(String value) {
        set(labelCol, value);
        return self();
    }

    public E setPredictionCol(String value) {
        set(predictionCol, value);
        return self();
    }

    public E setLayers(String value) {
        set(layers, value);
        return self();
    }

    public E setModelSpec(String value) {
        set(modelSpec, value);
        return self();
    }

    public E setOptimizer(String value) {
        set(optimizer, value);
        return self();
    }

    public E setLearningRate(double value) {
        set(learningRate, value);
        return self();
    }

    public E setWeightDecay(double value) {
        set(weightDecay, value);
        return self();
    }

    public E setSchedule(String value) {
        set(schedule, value);
        return self();
    }

    public E setWarmup(int value) {
        set(warmup, value);
        return self();
    }

    public E setLoss(String value) {
        set(loss, value);
        return self();
    }

    public E setBatchSize(int value) {
        set(batchSize, value);
        return self();
    }

    public E setEpochs(int value) {
        set(epochs, value);
        return self();
    }

    public E setSeed(int value) {
        set(seed, value);
        return self();
    }

    public E setScaling(String value) {
        set(scaling, value);
        return self();
    }

    public E setClipNorm(double value) {
        set(clipNorm, value);
        return self();
    }

    public E setClipValue(double value) {
        set(clipValue, value);
        return self();
    }

    public E setPartitions(int value) {
        set(partitions, value);
        return self();
    }

    public E setThreads(int value) {
        set(threads, value);
        return self();
    }

    public E setSparkMode(String value) {
        set(sparkMode, value);
        return self();
    }
}
