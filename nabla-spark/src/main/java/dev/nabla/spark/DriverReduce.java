package dev.nabla.spark;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.Dataset;
import dev.nabla.io.ModelSpecJson;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.Module;
import dev.nabla.nn.Positioned;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.History;
import dev.nabla.train.Replication;
import dev.nabla.train.TrainingException;
import dev.nabla.train.TrainingState;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.PairFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Driver-reduce data parallelism, for optimisers that see the whole training set as one batch (L-BFGS): the
 * {@link dev.nabla.train.Trainer}'s loop and the optimiser run on the driver, which holds no rows, and every
 * evaluation of the loss — each closure call of the line search — is one Spark job: the weights are broadcast, each
 * partition sums Wₛ·∇Lₛ and Wₛ·Lₛ over its cached rows ({@link PartitionGradient}), the partitions' sums are added
 * in a fixed binary tree ({@link #treeSum}) and the driver divides by W = Σₛ Wₛ. Tasks are ordinary ones: they need
 * no K slots at once, and a failed task is retried alone.
 */
final class DriverReduce implements Replication {
    private final JavaSparkContext spark;
    private final JavaRDD<byte[]> rows;
    private final Broadcast<byte[]> start;
    private final int partitions;
    private final Plan plan;
    private final List<Variable> parameters;
    private final Module network;
    private final Batch none;
    private final String run = java.util.UUID.randomUUID().toString();
    private long batchRows;
    private long batchCorrect;

    private DriverReduce(JavaSparkContext spark, JavaRDD<byte[]> rows, Broadcast<byte[]> start, int partitions,
                         Plan plan, Module network, Batch none) {
        this.spark = spark;
        this.rows = rows;
        this.start = start;
        this.partitions = partitions;
        this.plan = plan;
        this.network = network;
        this.parameters = network.parameters();
        this.none = none;
    }

    /**
     * Trains {@code network} in place on {@code rows} (one partition per part of the data, persisted for the run)
     * from {@code resume} (null: the start) with the plan in {@code start}; returns the history.
     */
    static History run(JavaSparkContext spark, JavaRDD<byte[]> rows, byte[] start, TrainingState resume,
                       byte[] validation, Module network) {
        if (network.modules().stream().anyMatch(m -> m instanceof Positioned)) {
            throw new TrainingException("dropout cannot train in the driver-reduce mode: its masks are drawn per "
                    + "replica step; train without dropout or in the barrier mode");
        }
        Safetensors.Contents begin = Transfer.decode(start);
        Plan plan = Plan.parse(begin.metadata().get(BarrierTraining.PLAN));
        if (!plan.optimizer().fullBatch()) {
            throw new IllegalArgumentException("the driver-reduce mode makes one Spark job per evaluation and suits "
                    + "full-batch optimisers (lbfgs) only, not " + plan.optimizer().name());
        }
        int inputs;
        try {
            inputs = ModelSpecJson.parse(begin.metadata().get(BarrierTraining.SPEC), "the training plan", 0, 0).inputs();
        } catch (dev.nabla.io.ModelFileException e) {
            throw new IllegalStateException("an architecture the driver wrote cannot be read back: " + e.getMessage(), e);
        }
        DType dtype = network.parameters().get(0).data().dtype();
        Dataset empty = new Rows(Tensor.zeros(dtype, 0, inputs), Tensor.zeros(DType.F32, 0))
                .dataset(plan.task(), plan.classes());
        Dataset heldOut = validation == null ? null
                : Rows.decode(List.of(validation)).dataset(plan.task(), plan.classes());
        boolean persisted = rows.getStorageLevel().equals(StorageLevel.NONE());
        if (persisted) {
            rows.persist(StorageLevel.MEMORY_ONLY());
        }
        Broadcast<byte[]> broadcast = spark.broadcast(start);
        try {
            DriverReduce reduce = new DriverReduce(spark, rows, broadcast, rows.getNumPartitions(), plan, network,
                    Batch.of(empty.features(), empty.targets()));
            Optimizer optimizer = plan.optimizer().create(network.parameters());
            var trainer = plan.trainer().replication(reduce);
            if (Checkpoints.sink(plan) != null) {
                trainer.checkpoints(plan.recovery().every(), Checkpoints.sink(plan));
            }
            return trainer.build().fit(network, optimizer, empty, heldOut, resume);
        } finally {
            broadcast.destroy();
            if (persisted) {
                rows.unpersist(false);
            }
        }
    }

    @Override
    public int rows() {
        return Math.toIntExact(plan.rows());
    }

    /** The driver holds no rows: the partitions evaluate the whole batch in {@link #reduce}. */
    @Override
    public Batch share(int[] rowNumbers, int n) {
        if (n != plan.rows()) {
            throw new IllegalStateException("the driver-reduce mode evaluates whole passes, got a batch of " + n);
        }
        return none;
    }

    /** One Spark job: the whole batch's loss at the current weights, its gradient left in the parameters. */
    @Override
    public double reduce(double loss, Tensor outputs, Batch share) {
        Broadcast<byte[]> weights = spark.broadcast(Transfer.encode(network.stateDict(), Map.of()));
        boolean f64 = parameters.get(0).data().dtype() == DType.F64;
        byte[] sums;
        try {
            sums = treeSum(rows.mapPartitionsWithIndex(new PartitionGradient(start, weights, run), false), partitions, f64);
        } finally {
            weights.destroy();
        }
        MemorySegment s = MemorySegment.ofArray(sums);
        int bytes = f64 ? Double.BYTES : Float.BYTES;
        int n = sums.length / bytes - AllReduce.TAIL;
        double total = value(s, n + 1, f64);
        AllReduce.divide(parameters, s, total, f64);
        batchRows = (long) value(s, n + 2, f64);
        batchCorrect = (long) value(s, n + 3, f64);
        return value(s, n, f64) / total;
    }

    private static double value(MemorySegment s, int index, boolean f64) {
        return f64 ? s.get(Ring.DOUBLE, (long) index * Double.BYTES) : s.get(Ring.FLOAT, (long) index * Float.BYTES);
    }

    @Override
    public long batchRows() {
        return batchRows;
    }

    @Override
    public long batchCorrect() {
        return batchCorrect;
    }

    /** The driver measures validation itself: it holds the validation rows. */
    @Override
    public Map<String, Double> validation(Map<String, Double> measured) {
        return measured;
    }

    /**
     * The element-wise sum of the partitions' byte arrays (keyed by partition index 0 … k − 1), added in a fixed
     * binary tree: pairs (2i, 2i + 1) first, then pairs of those, the last two on the driver. Every addition has
     * two operands, and IEEE addition is commutative, so the bits do not depend on which task finishes first — as
     * they would with {@code treeAggregate}, whose driver merges partial results in the order they arrive.
     */
    static byte[] treeSum(JavaRDD<Tuple2<Integer, byte[]>> parts, int k, boolean f64) {
        JavaPairRDD<Integer, byte[]> level = JavaPairRDD.fromJavaRDD(parts);
        int count = k;
        while (count > 2) {
            count = (count + 1) / 2;
            level = level.mapToPair(new Halve()).reduceByKey(new PairSum(f64), count);
        }
        List<Tuple2<Integer, byte[]>> last = level.collect();
        byte[] sum = last.get(0)._2();
        return last.size() == 1 ? sum : new PairSum(f64).call(sum, last.get(1)._2());
    }

    /** Partition index i goes to the pair i / 2. */
    private static final class Halve implements PairFunction<Tuple2<Integer, byte[]>, Integer, byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<Integer, byte[]> call(Tuple2<Integer, byte[]> t) {
            return new Tuple2<>(t._1() / 2, t._2());
        }
    }

    /** a + b element-wise into a, as little-endian floats or doubles. */
    private static final class PairSum implements Function2<byte[], byte[], byte[]> {
        private static final long serialVersionUID = 1L;
        private final boolean f64;

        PairSum(boolean f64) {
            this.f64 = f64;
        }

        @Override
        public byte[] call(byte[] a, byte[] b) {
            int bytes = f64 ? Double.BYTES : Float.BYTES;
            Ring.add(MemorySegment.ofArray(a), 0, MemorySegment.ofArray(b), 0, a.length / bytes, bytes);
            return a;
        }
    }
}
