package dev.nabla.spark;

import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A trained Nabla network as a Spark ML model: {@link #transform} adds prediction columns, a partition at a time in
 * batches. The model is its model file: the bytes travel to the executors inside the transform's function and ML
 * persistence writes them to {@code PATH/data/model.safetensors} beside Spark's params metadata, so a saved
 * pipeline stage is a file any safetensors reader (and {@code nabla predict}) can open.
 *
 * @param <M> the model itself
 */
public abstract class NablaModel<M extends NablaModel<M>> extends Model<M> implements MLWritable {
    private static final long serialVersionUID = 1L;
    static final String FILE = "data/model.safetensors";

    private final String uid;
    private final byte[] modelFile;
    private transient TrainedModel trained;
    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> predictionCol;

    protected NablaModel(String uid, byte[] modelFile) {
        this.uid = uid;
        this.modelFile = modelFile.clone();
        featuresCol = new Param<>(this, "featuresCol", "features column name (a vector)");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        inputCols = new StringArrayParam(this, "inputCols", "raw input columns the model's table pipeline reads "
                + "(empty: the features vector)");
        setDefault(featuresCol, "features");
        setDefault(inputCols, new String[0]);
        setDefault(predictionCol, "prediction");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The trained model (read from the model file on first use). */
    public TrainedModel trained() {
        if (trained == null) {
            trained = Transfer.model(modelFile);
        }
        return trained;
    }

    /** The model file's bytes (a copy): the safetensors file {@code nabla predict} reads. */
    public byte[] modelFile() {
        return modelFile.clone();
    }

    byte[] bytes() {
        return modelFile;
    }

    /** The probability and raw-prediction columns this model adds (null: none). */
    abstract String probabilityColumn();

    abstract String rawPredictionColumn();

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        // Raw columns: the fields the pipeline reads, found by name (others pass through); else the features vector.
        int[] fields = raw() ? trained().pipeline().columns().stream().mapToInt(dataset.schema()::fieldIndex).toArray()
                : new int[] {dataset.schema().fieldIndex(getOrDefault(featuresCol))};
        return dataset.toDF().mapPartitions(new Predictions(modelFile, fields, raw(), rawPredictionColumn() != null,
                probabilityColumn() != null), Encoders.row(out));
    }

    /** Whether the model reads raw columns through its table pipeline rather than a features vector. */
    private boolean raw() {
        return getOrDefault(inputCols).length > 0;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return withOutputs(schema, raw() ? null : getOrDefault(featuresCol), getOrDefault(predictionCol),
                rawPredictionColumn(), probabilityColumn());
    }

    /**
     * {@code schema} with the output columns added, after checking that the features column (null: none, raw columns)
     * holds vectors.
     */
    static StructType withOutputs(StructType schema, String features, String prediction, String raw, String probability) {
        StructField f = features == null ? null : schema.apply(features);
        if (f != null && !f.dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("features column '" + features + "' must hold vectors (assemble them "
                    + "with VectorAssembler), got " + f.dataType().simpleString());
        }
        StructType out = schema;
        for (String name : new String[] {raw, probability}) {
            if (name != null) {
                out = add(out, name, SQLDataTypes.VectorType());
            }
        }
        return add(out, prediction, DataTypes.DoubleType);
    }

    private static StructType add(StructType schema, String name, org.apache.spark.sql.types.DataType type) {
        if (java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("output column '" + name + "' exists already");
        }
        return schema.add(name, type, false);
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public StringArrayParam inputCols() {
        return inputCols;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    @SuppressWarnings("unchecked")
    public M setFeaturesCol(String value) {
        set(featuresCol, value);
        return (M) this;
    }

    /** Reads these raw columns (those the model's pipeline needs, by name) instead of a features vector. */
    @SuppressWarnings("unchecked")
    public M setInputCols(String[] value) {
        set(inputCols, value);
        return (M) this;
    }

    @SuppressWarnings("unchecked")
    public M setPredictionCol(String value) {
        set(predictionCol, value);
        return (M) this;
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Spark's params metadata, then the model file. */
    private static final class Writer extends MLWriter {
        private final NablaModel<?> model;

        Writer(NablaModel<?> model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            Path file = new Path(path, FILE);
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (FSDataOutputStream out = fs.create(file, true)) {
                    out.write(model.bytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot write the model file: " + e.getMessage(), e);
            }
        }
    }

    /** Reads what {@link Writer} wrote into a model made by {@code make} from a uid and the model file's bytes. */
    static final class Reader<M extends NablaModel<M>> extends MLReader<M> {
        private final Class<M> type;
        private final BiFunction<String, byte[], M> make;

        Reader(Class<M> type, BiFunction<String, byte[], M> make) {
            this.type = type;
            this.make = make;
        }

        @Override
        public M load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    type.getName());
            Path file = new Path(path, FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                long length = fs.getFileStatus(file).getLen();
                bytes = new byte[Math.toIntExact(length)];
                try (FSDataInputStream in = fs.open(file)) {
                    in.readFully(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read the model file: " + e.getMessage(), e);
            }
            M model = make.apply(metadata.uid(), bytes);
            metadata.getAndSetParams(model, scala.Option.empty());
            return model;
        }
    }
}
