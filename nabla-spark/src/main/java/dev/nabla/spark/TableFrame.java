package dev.nabla.spark;

import dev.nabla.data.ColumnKind;
import dev.nabla.data.ColumnProfile;
import dev.nabla.data.MedianSearch;
import dev.nabla.data.Pipeline;
import dev.nabla.data.Scaling;
import dev.nabla.data.Schema;
import dev.nabla.data.TableOptions;
import dev.nabla.data.TableProfile;
import dev.nabla.data.Target;
import dev.nabla.data.Task;
import dev.nabla.io.ModelFileException;
import dev.nabla.io.PipelineJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;

/**
 * Raw DataFrame columns — numbers, texts and nulls, a table as it comes — through Nabla's own table pipeline, fitted
 * with distributed aggregations and never by bringing rows to the driver: each partition profiles its rows
 * ({@link TableProfile}), the profiles are merged by {@code treeAggregate} (their counts add exactly, in any order),
 * {@link Schema#infer(TableProfile, String, TableOptions)} decides the kinds, two more passes count the number
 * columns' bits for their exact medians ({@link MedianSearch}), and {@link Pipeline#fit(TableProfile, Schema,
 * TableOptions, Map)} fits the encoders — the pipeline one process fits on the same rows. Then each partition encodes
 * its rows with it, the encoded columns are scaled from two distributed passes ({@link Blocks}) and the rows are
 * placed for the replicas as {@link FrameRows} places vectors.
 */
final class TableFrame {
    /** The name a DataFrame's table goes by in messages. */
    static final String SOURCE = "DataFrame";

    private TableFrame() {
    }

    /**
     * The rows encoded, scaled and placed, with what the model keeps of their preparation.
     *
     * @param placed     the rows as K contiguous blocks
     * @param pipeline   the fitted table pipeline
     * @param x          the scaling of the encoded columns
     * @param y          the target's scaling (identity for classes)
     * @param task       the task the target makes
     * @param classNames class names (index = label), empty for numbers
     * @param cached     what to unpersist after training
     */
    record Prepared(FrameRows.Placed placed, Pipeline pipeline, Scaling x, Scaling y, Task task, List<String> classNames,
                    List<JavaRDD<?>> cached) {
        void free() {
            cached.forEach(r -> r.unpersist(false));
            placed.cached().unpersist(false);
        }
    }

    /**
     * Fits the pipeline on columns {@code inputs} and target {@code label} of {@code dataset} (rows whose label is
     * missing are left out) and prepares the rows for {@code k} replicas.
     */
    static Prepared prepare(Dataset<?> dataset, String[] inputs, String label, boolean classifies, Scaling.Kind kind,
                            int k, TableOptions options) {
        if (Arrays.asList(inputs).contains(label)) {
            throw new IllegalArgumentException("label column '" + label + "' is among the input columns");
        }
        String[] columns = Arrays.copyOf(inputs, inputs.length + 1);
        columns[inputs.length] = label;
        // Levels are counted where a column may hold texts (a string column), is named a category, or is the classes.
        Set<String> levels = new HashSet<>(options.categorical());
        for (String c : columns) {
            if (!(dataset.schema().apply(c).dataType() instanceof NumericType) || c.equals(label) && classifies) {
                levels.add(c);
            }
        }
        JavaRDD<Row> rows = dataset.select(columnsOf(columns)).toJavaRDD()
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<String> missing = options.missing();
        TableProfile profile = TableProfile.fromBytes(rows.mapPartitions(new PartTable.Profile(columns, missing, levels))
                .treeAggregate(new byte[0], MERGE, MERGE));
        ColumnProfile target = profile.column(label);
        if (target.numbers() + target.texts() == 0) {
            throw new IllegalArgumentException("label column '" + label + "' is missing in every row");
        }
        List<String> classNames = classifies ? classNames(target) : List.of();
        if (!classifies && target.texts() > 0) {
            throw new IllegalArgumentException("label column '" + label + "' holds texts; a regression needs numbers");
        }
        Task task = !classifies ? Task.REGRESSION : classNames.size() == 2 ? Task.BINARY : Task.MULTICLASS;
        Schema schema = Schema.infer(profile, label, options);
        Map<String, Float> medians = Map.of();
        if (options.impute() == TableOptions.Impute.MEDIAN) {
            MedianSearch search = new MedianSearch(profile, schema.columns(ColumnKind.NUMBER));
            String[] numbers = search.columns().toArray(String[]::new);
            long[] upper = rows.mapPartitions(new PartTable.Counts(columns, missing, numbers, null)).treeAggregate(new long[0], SUM, SUM);
            long[] lower = rows.mapPartitions(new PartTable.Counts(columns, missing, numbers,
                    search.buckets(upper)))
                    .treeAggregate(new long[0], SUM, SUM);
            medians = search.medians(upper, lower);
        }
        Pipeline pipeline = Pipeline.fit(profile, schema, options, medians);
        JavaRDD<byte[]> encoded = rows.mapPartitions(new PartTable.Encode(columns, missing, PipelineJson.text(pipeline),
                classNames.toArray(String[]::new))).persist(StorageLevel.MEMORY_AND_DISK());
        Blocks.Moments m = Blocks.moments(encoded, pipeline.width());
        Scaling x = m.features(kind, pipeline.scaled());
        Scaling y = m.target(task);
        FrameRows.Placed placed = FrameRows.place(encoded.map(new Blocks.Scale(x, y, task == Task.MULTICLASS)), k);
        return new Prepared(placed, pipeline, x, y, task, classNames, List.of(rows, encoded));
    }

    private static org.apache.spark.sql.Column[] columnsOf(String[] names) {
        return Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
    }

    /** The classes of the label's levels, ordered as {@link Target} orders them. */
    private static List<String> classNames(ColumnProfile target) {
        if (target.many()) {
            throw new IllegalArgumentException("label column '" + target.name() + "' has " + ColumnProfile.LEVELS
                    + " distinct values or more; too many classes");
        }
        List<String> names = Target.classNames(target.levels().keySet(), target.texts() > 0);
        if (names.size() < 2) {
            throw new IllegalArgumentException("label column '" + target.name() + "' has a single class");
        }
        return new ArrayList<>(names);
    }

    /** The pipeline {@link PipelineJson#text} wrote, on an executor. */
    static Pipeline pipeline(String json) {
        try {
            return PipelineJson.parse(json, SOURCE);
        } catch (ModelFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Merges two partitions' profiles as bytes (an empty array is no rows yet). */
    private static final Function2<byte[], byte[], byte[]> MERGE = new MergeProfiles();

    /** Adds two partitions' counts (an empty array is no counts yet). */
    private static final Function2<long[], long[], long[]> SUM = new SumCounts();

    private static final class MergeProfiles implements Function2<byte[], byte[], byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] call(byte[] a, byte[] b) {
            if (a.length == 0 || b.length == 0) {
                return a.length == 0 ? b : a;
            }
            return TableProfile.fromBytes(a).merge(TableProfile.fromBytes(b)).toBytes();
        }
    }

    private static final class SumCounts implements Function2<long[], long[], long[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public long[] call(long[] a, long[] b) {
            if (a.length == 0 || b.length == 0) {
                return a.length == 0 ? b : a;
            }
            long[] out = a.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] += b[i];
            }
            return out;
        }
    }
}
