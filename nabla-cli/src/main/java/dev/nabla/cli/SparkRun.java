package dev.nabla.cli;

import dev.nabla.spark.DataParallel;
import dev.nabla.train.TrainingLoop;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code nabla train --spark MASTER}: a Spark session for the run and the data-parallel loop over it. Kept in its
 * own class so that the command line loads Spark's classes only when asked to (its jar does not hold them: the
 * launcher or spark-submit puts them on the class path).
 */
final class SparkRun implements AutoCloseable {
    private final SparkSession spark;
    private DataParallel loop;
    private final int partitions;

    private final DataParallel.Mode mode;

    private SparkRun(SparkSession spark, int partitions, int threads, DataParallel.Mode mode) {
        this.spark = spark;
        this.partitions = partitions;
        this.mode = mode;
        this.loop = new DataParallel(spark.sparkContext(), partitions, threads).mode(mode);
    }

    /**
     * A session on {@code master} (empty: the master spark-submit gave), with {@code partitions} replicas (null: one
     * per task slot) of {@code threads} kernel threads each, summing gradients in {@code mode}. A local master binds
     * to the loopback interface.
     */
    static SparkRun start(String master, Integer partitions, int threads, DataParallel.Mode mode) {
        SparkSession.Builder b = SparkSession.builder().appName("nabla train").config("spark.ui.showConsoleProgress", "false");
        if (!master.isEmpty()) {
            b.master(master);
        }
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        int k = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        return new SparkRun(spark, k, threads, mode);
    }

    TrainingLoop loop() {
        return loop;
    }

    /** Keeps checkpoints in {@code dir} (shared by the executors), as {@link DataParallel#checkpoints} does. */
    void checkpoints(Path dir, long everySteps, List<String> args) {
        loop = loop.checkpoints(dir, everySteps, args);
    }

    /** e.g. {@code "; Spark local[2], 2 replicas"}. */
    String describe() {
        return "; Spark " + spark.sparkContext().master() + ", " + partitions + " replicas"
                + (mode == DataParallel.Mode.DRIVER ? ", driver-reduce" : "");
    }

    @Override
    public void close() {
        spark.stop();
    }

    /** The message for a run asked for without Spark's classes on the class path. */
    static final String MISSING = "--spark: Apache Spark is not on the class path; run through ./nabla (which adds "
            + "Spark's jars, from SPARK_HOME or the build) or spark-submit";
}
