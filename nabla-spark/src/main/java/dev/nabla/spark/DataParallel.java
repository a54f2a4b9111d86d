package dev.nabla.spark;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Dataset;
import dev.nabla.io.ModelSpecJson;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.BatchNorm;
import dev.nabla.nn.ModelSpec;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.tensor.Threads;
import dev.nabla.train.DivergedException;
import dev.nabla.train.EpochResult;
import dev.nabla.train.History;
import dev.nabla.train.Objective;
import dev.nabla.train.TrainListener;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingException;
import dev.nabla.train.TrainingLoop;
import dev.nabla.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import scala.reflect.ClassTag$;

/**
 * Exact synchronous data-parallel training on Spark: the {@link Trainer}'s loop run by K replicas in one barrier
 * stage, each holding a contiguous K-th of the training rows for the whole run and summing gradients with the
 * others over a TCP ring every step ({@link Replica}, {@link Ring}). The weights equal single-process training's up
 * to the order of floating-point sums. As a {@link TrainingLoop} it runs any {@code Training} recipe:
 * <pre>{@code
 * Training.builder().optimizer(Optimizers.config("sgd", 0.1, null)).loop(new DataParallel(spark.sparkContext(), 2))
 * }</pre>
 * The optimiser must be given as data ({@link OptimizerConfig}) so that each replica can build its own. The barrier
 * stage needs K task slots at once; listeners hear each epoch when the stage has finished. Full-batch optimisers
 * can instead run on the driver with one Spark job per evaluation ({@link #mode}, {@link Mode#DRIVER}).
 */
public final class DataParallel implements TrainingLoop {
    private final JavaSparkContext spark;
    private final int partitions;
    private final int threads;
    private final Plan.Recovery recovery;
    private final boolean driverReduce;

    /** Training over {@code partitions} replicas, each using one kernel thread. */
    public DataParallel(SparkContext spark, int partitions) {
        this(spark, partitions, 1);
    }

    /** Training over {@code partitions} replicas, each multiplying matrices with {@code threads} threads. */
    public DataParallel(SparkContext spark, int partitions, int threads) {
        if (partitions < 1 || threads < 1) {
            throw new IllegalArgumentException("partitions and threads must be at least 1, got " + partitions + " and "
                    + threads);
        }
        this(JavaSparkContext.fromSparkContext(spark), partitions, threads, Plan.Recovery.NONE, false);
    }

    private DataParallel(JavaSparkContext spark, int partitions, int threads, Plan.Recovery recovery,
                         boolean driverReduce) {
        this.spark = spark;
        this.partitions = partitions;
        this.threads = threads;
        this.recovery = recovery;
        this.driverReduce = driverReduce;
    }

    /** How the replicas' gradients are summed; {@link #BARRIER} unless told. */
    public enum Mode {
        /** One barrier stage for the whole run, its tasks summing gradients over a TCP ring every evaluation. */
        BARRIER,
        /**
         * For full-batch optimisers (L-BFGS): the loop and the optimiser on the driver, one Spark job per evaluation
         * of the loss, the partitions' sums added in a fixed tree ({@link DriverReduce}).
         */
        DRIVER;

        /** The mode named {@code id} ("barrier" or "driver"). */
        public static Mode of(String id) {
            for (Mode m : values()) {
                if (m.id().equals(id)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown Spark mode '" + id + "' (barrier, driver)");
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** This loop in {@code mode}; {@link Mode#DRIVER} needs a full-batch optimiser and a network without dropout. */
    public DataParallel mode(Mode mode) {
        return new DataParallel(spark, partitions, threads, recovery, mode == Mode.DRIVER);
    }

    /**
     * This loop keeping checkpoints: rank 0 writes the run's state into {@code dir} (which every executor must be able
     * to read) at every epoch start and every {@code everySteps} steps (0: epoch starts only), with {@code args} for
     * {@code nabla train --resume}; when a task dies, Spark runs the stage again and its replicas continue from the
     * newest checkpoint, ending with the weights of an uninterrupted run.
     */
    public DataParallel checkpoints(Path dir, long everySteps, List<String> args) {
        if (everySteps < 0) {
            throw new IllegalArgumentException("checkpoint interval must be zero or positive, got " + everySteps);
        }
        return new DataParallel(spark, partitions, threads, new Plan.Recovery(dir.toAbsolutePath().toString(),
                everySteps, args, -1, recovery.failAt()), driverReduce);
    }

    /** For tests: the last replica of the stage's first attempt fails before global step {@code step}. */
    DataParallel failOnceAt(long step) {
        return new DataParallel(spark, partitions, threads, new Plan.Recovery(recovery.dir(), recovery.every(),
                recovery.args(), recovery.existing(), step), driverReduce);
    }

    @Override
    public History fit(Trainer trainer, Module network, Function<List<Variable>, Optimizer> optimizer, Dataset train,
                       Dataset validation, TrainingState resume) {
        if (!(optimizer instanceof OptimizerConfig config)) {
            throw new IllegalArgumentException("data-parallel training builds the optimiser on every replica: give it "
                    + "as data (Optimizers.config), not as a function");
        }
        requireNoBatchNorm(network);
        int k = Math.min(partitions, Math.max(1, train.rows()));
        Objective objective = trainer.objectiveFor(train);
        Plan plan = Plan.of(trainer, objective, config, train.task(), train.classNames().size(), train.rows(), threads,
                recovery);
        plan = plan.with(recovery.after(Checkpoints.existing(recovery.directory(), plan.batchesPerPass())));
        byte[] start = start(plan, ModelSpec.of(network, train.featureCount()), network);
        List<Broadcast<byte[]>> blocks = new ArrayList<>();
        long[] offsets = new long[k];
        for (int p = 0; p < k; p++) {
            int from = (int) ((long) train.rows() * p / k);
            int to = (int) ((long) train.rows() * (p + 1) / k);
            offsets[p] = from;
            blocks.add(spark.broadcast(Rows.encode(train.features(), train.targets(), from, to)));
        }
        byte[] heldOut = validation == null || validation.rows() == 0 ? null
                : Rows.encode(validation.features(), validation.targets(), 0, validation.rows());
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            ids.add(p);
        }
        JavaRDD<byte[]> rows = spark.parallelize(ids, k).map(new FromBroadcast(blocks));
        for (TrainListener l : trainer.listeners()) {
            l.onTrainStart(trainer.epochs(), (int) plan.batchesPerPass(), train.rows());
        }
        try {
            History history = run(rows.rdd(), offsets, start, resume, heldOut, network);
            for (TrainListener l : trainer.listeners()) {
                for (EpochResult e : history.epochs()) {
                    l.onEpochStart(e.epoch());
                    l.onEpochEnd(e);
                }
                l.onTrainEnd(history);
            }
            return history;
        } finally {
            blocks.forEach(b -> b.destroy());
        }
    }

    /**
     * The bytes a replica starts from: the network's weights, with the plan, the architecture and its own generators
     * (dropout's seeds and positions, which are not in the state dict) as metadata.
     */
    static byte[] start(Plan plan, ModelSpec spec, Module network) {
        return Transfer.encode(network.stateDict(), Map.of(BarrierTraining.PLAN, plan.toText(),
                BarrierTraining.SPEC, ModelSpecJson.write(spec), BarrierTraining.GENERATORS, Transfer.generators(network)));
    }

    /**
     * Each replica would normalise its share by the share's statistics, not the whole batch's, so batch norm would
     * train another model than one process does.
     */
    private static void requireNoBatchNorm(Module network) {
        if (network.modules().stream().anyMatch(m -> m instanceof BatchNorm)) {
            throw new TrainingException("batch norm cannot train data-parallel: each replica would normalise its share "
                    + "of a batch by the share's statistics, not the whole batch's; train without batch norm or "
                    + "without Spark");
        }
    }

    /**
     * Runs the barrier stage over {@code rows} — one partition per replica, partition p's rows being global rows
     * {@code offsets[p]…} — from {@code resume} (null: the start), and loads the trained weights into
     * {@code network}; returns the history. In the driver-reduce mode the driver trains {@code network} itself,
     * one job over {@code rows} per evaluation ({@link DriverReduce}).
     *
     * @throws DivergedException when training diverged (the weights before the step that did are loaded)
     */
    History run(RDD<byte[]> rows, long[] offsets, byte[] start, TrainingState resume, byte[] validation,
                Module network) {
        // The tasks of a local master set the kernel threads of this JVM: put them back afterwards.
        int before = Threads.count();
        try {
            return driverReduce ? DriverReduce.run(spark, rows.toJavaRDD(), start, resume, validation, network)
                    : barrier(rows, offsets, start, resume, validation, network);
        } finally {
            Threads.set(before);
        }
    }

    private History barrier(RDD<byte[]> rows, long[] offsets, byte[] start, TrainingState resume, byte[] validation,
                            Module network) {
        Broadcast<byte[]> begin = spark.broadcast(start);
        Broadcast<byte[]> from = resume == null ? null : spark.broadcast(Transfer.state(resume));
        Broadcast<byte[]> heldOut = validation == null ? null : spark.broadcast(validation);
        try {
            RDD<byte[]> result = rows.barrier().mapPartitions(new BarrierTraining(begin, from, heldOut, offsets), false,
                    ClassTag$.MODULE$.apply(byte[].class));
            // Through a shuffle: Spark retries a failed barrier stage only when it is a shuffle map stage.
            List<byte[]> out = result.toJavaRDD().repartition(1).collect();
            Safetensors.Contents end = Transfer.decode(out.get(0));
            network.loadStateDict(end.tensors());
            String diverged = end.metadata().get(BarrierTraining.DIVERGED);
            if (diverged != null) {
                String[] f = diverged.split(" ", 3);
                throw new DivergedException(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2]);
            }
            return Transfer.history(end.metadata().get(BarrierTraining.HISTORY));
        } finally {
            for (Broadcast<byte[]> b : Arrays.asList(begin, from, heldOut)) {
                if (b != null) {
                    b.destroy();
                }
            }
        }
    }

    /** Partition p's rows: the bytes of broadcast p. Spark ships this function; it holds only broadcast handles. */
    private static final class FromBroadcast implements org.apache.spark.api.java.function.Function<Integer, byte[]> {
        private static final long serialVersionUID = 1L;
        private final List<Broadcast<byte[]>> blocks;

        FromBroadcast(List<Broadcast<byte[]>> blocks) {
            this.blocks = new ArrayList<>(blocks);
        }

        @Override
        public byte[] call(Integer p) {
            return blocks.get(p).value();
        }
    }
}
