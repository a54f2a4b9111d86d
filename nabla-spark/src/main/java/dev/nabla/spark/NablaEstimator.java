package dev.nabla.spark;

import dev.nabla.data.Pipeline;
import dev.nabla.data.Scaling;
import dev.nabla.data.TableOptions;
import dev.nabla.data.Task;
import dev.nabla.io.ModelFileException;
import dev.nabla.io.ModelSpecJson;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.Schedules;
import dev.nabla.train.History;
import dev.nabla.train.Objective;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Trainer;
import dev.nabla.train.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * What {@link NablaClassifier} and {@link NablaRegressor} share: the training settings ({@link NablaParams}) and a
 * fit that trains a Nabla network on a vector column with exact synchronous
 * data parallelism ({@link DataParallel}). Features are scaled with statistics gathered in two distributed passes
 * (param {@code scaling}); the trained model keeps its model file, which is all that is ever shipped or saved.
 *
 * @param <M> the model the estimator makes
 * @param <E> the estimator itself, which its setters return
 */
public abstract class NablaEstimator<M extends Model<M>, E extends NablaEstimator<M, E>> extends NablaParams<M, E> {
    private static final long serialVersionUID = 1L;

    protected NablaEstimator(String uid) {
        super(uid);
    }

    /** The task of this estimator's targets: classes or numbers. */
    abstract boolean classifies();

    /** The model for {@code trained}, its model file's bytes. */
    abstract M model(byte[] modelFile);

    @Override
    public M fit(Dataset<?> dataset) {
        StructType schema = dataset.schema();
        transformSchema(schema, true);
        String label = getOrDefault(labelCol());
        var spark = dataset.sparkSession().sparkContext();
        if (getOrDefault(inputCols()).length > 0) {
            TableFrame.Prepared p = TableFrame.prepare(dataset, getOrDefault(inputCols()), label, classifies(),
                    Scaling.Kind.fromId(getOrDefault(scaling())), replicas(spark, dataset.rdd().getNumPartitions()),
                    TableOptions.defaults());
            try {
                return train(spark, p.placed(), p.task(), p.classNames(), p.pipeline(), p.x(), p.y());
            } finally {
                p.free();
            }
        }
        String features = getOrDefault(featuresCol());
        int d = width(dataset, features);
        var rows = dataset.select(features, label).toJavaRDD();
        JavaRDD<byte[]> blocks = FrameRows.blocks(rows, d).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Blocks.Moments m = Blocks.moments(blocks, d);
            if (m.rows() == 0) {
                throw new IllegalArgumentException("no rows to train on");
            }
            List<String> classNames = classifies() ? classNames(schema.apply(label), m.max()[d]) : List.of();
            Task task = !classifies() ? Task.REGRESSION : classNames.size() == 2 ? Task.BINARY : Task.MULTICLASS;
            boolean[] all = new boolean[d];
            java.util.Arrays.fill(all, true);
            Scaling x = m.features(Scaling.Kind.fromId(getOrDefault(scaling())), all);
            Scaling y = m.target(task);
            FrameRows.Placed placed = FrameRows.place(blocks.map(new Blocks.Scale(x, y, task == Task.MULTICLASS)),
                    replicas(spark, rows.getNumPartitions()));
            try {
                return train(spark, placed, task, classNames, Pipeline.numeric(names(schema, features, d)), x, y);
            } finally {
                placed.cached().unpersist(false);
            }
        } finally {
            blocks.unpersist(false);
        }
    }

    /** The replicas for a DataFrame of {@code partitions} partitions: the param, else those, at most the slots. */
    private int replicas(org.apache.spark.SparkContext spark, int partitions) {
        int wanted = whole(partitions()) > 0 ? whole(partitions()) : partitions;
        return Math.max(1, Math.min(wanted, spark.defaultParallelism()));
    }

    /** Trains on the placed rows and makes the model, whose file holds {@code pipeline} and the scalings. */
    private M train(org.apache.spark.SparkContext spark, FrameRows.Placed placed, Task task, List<String> classNames,
                    Pipeline pipeline, Scaling x, Scaling y) {
        String label = getOrDefault(labelCol());
        Objective objective = getOrDefault(loss()).isEmpty() ? Objective.forTask(task)
                : Objective.fromId(getOrDefault(loss()));
        ModelSpec spec = Training.withEmbeddings(pipeline, spec(Training.widthAfterEmbedding(pipeline),
                objective.outputs(task, classNames.size())));
        Module network = spec.build(new SplittableRandom(whole(seed())));
        OptimizerConfig config = Optimizers.config(getOrDefault(optimizer()), orNull(number(learningRate())),
                orNull(number(weightDecay())));
        Trainer trainer = Trainer.builder().epochs(whole(epochs())).batchSize(whole(batchSize()))
                .seed(whole(seed())).objective(objective)
                .schedule(getOrDefault(schedule()).isEmpty() ? null
                        : Schedules.config(getOrDefault(schedule()), whole(warmup())))
                .clipping(new Clipping(number(clipNorm()), number(clipValue()))).build();

        Plan plan = Plan.of(trainer, objective, config, task, classNames.size(), placed.rows(), whole(threads()),
                Plan.Recovery.NONE);
        DataParallel loop = new DataParallel(spark, placed.offsets().length, whole(threads()))
                .mode(DataParallel.Mode.of(getOrDefault(sparkMode())));
        History history = loop.run(placed.blocks().rdd(), placed.offsets(), DataParallel.start(plan, spec, network),
                null, null, network);
        TrainedModel trained = new TrainedModel(spec, network, task, objective, pipeline,
                x, y, classNames, label, TrainedModel.DEFAULT_THRESHOLD,
                Map.of("trainer", "nabla-spark, " + placed.offsets().length + " replicas, " + history.epochs().size()
                        + " epochs"));
        M model = model(Transfer.model(trained));
        model.setParent(this);
        return copyValues(model, extractParamMap());
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private ModelSpec spec(int inputs, int outputs) {
        if (getOrDefault(modelSpec()).isEmpty()) {
            return ModelSpec.mlp(inputs, getOrDefault(layers()), outputs);
        }
        try {
            return ModelSpecJson.parse(getOrDefault(modelSpec()), "modelSpec", inputs, outputs);
        } catch (ModelFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The vector size from the column's metadata, else from the first row. */
    private static int width(Dataset<?> dataset, String column) {
        int size = AttributeGroup.fromStructField(dataset.schema().apply(column)).size();
        if (size >= 0) {
            return size;
        }
        Row first = dataset.select(column).first();
        return ((Vector) first.get(0)).size();
    }

    /** Names of the vector's slots from its metadata (VectorAssembler's input columns), else x0, x1, … */
    private static List<String> names(StructType schema, String column, int d) {
        List<String> names = new ArrayList<>();
        var attributes = AttributeGroup.fromStructField(schema.apply(column)).attributes();
        for (int j = 0; j < d; j++) {
            String name = attributes.isDefined() ? attributes.get()[j].name().getOrElse(() -> null) : null;
            names.add(name == null || names.contains(name) ? "x" + j : name);
        }
        return names;
    }

    /** The label's class names from its metadata (StringIndexer's labels), else 0…max. */
    private static List<String> classNames(StructField label, double max) {
        Attribute a = Attribute.fromStructField(label);
        List<String> names = new ArrayList<>();
        if (a instanceof org.apache.spark.ml.attribute.NominalAttribute nominal && nominal.values().isDefined()) {
            names.addAll(List.of(nominal.values().get()));
        } else {
            for (int k = 0; k <= (int) max; k++) {
                names.add(Integer.toString(k));
            }
        }
        if (names.size() < 2) {
            throw new IllegalArgumentException("label column '" + label.name() + "' has a single class");
        }
        return names;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        StructField label = schema.apply(getOrDefault(labelCol()));
        if (getOrDefault(inputCols()).length > 0) {
            // Raw columns are read as a table: any type, nulls and texts in the label too.
            java.util.Arrays.stream(getOrDefault(inputCols())).forEach(schema::apply);
            return NablaModel.withOutputs(schema, null, getOrDefault(predictionCol()), null, null);
        }
        if (!(label.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("label column '" + label.name() + "' must be numeric (index strings with "
                    + "StringIndexer), got " + label.dataType().simpleString());
        }
        return NablaModel.withOutputs(schema, getOrDefault(featuresCol()), getOrDefault(predictionCol()), null, null);
    }
}
