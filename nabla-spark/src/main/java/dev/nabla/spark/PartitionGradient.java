package dev.nabla.spark;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.data.Batches;
import dev.nabla.data.Dataset;
import dev.nabla.data.Task;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.Module;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Threads;
import dev.nabla.train.Objective;
import dev.nabla.train.RunningMetrics;
import dev.nabla.train.TrainingStep;
import java.lang.foreign.MemorySegment;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * One partition's part of a driver-reduce evaluation ({@link DriverReduce}): at the broadcast weights, the sum over
 * its rows of Wₛ·∇Lₛ and Wₛ·Lₛ with Wₛ, the rows and the rows classified right — the same terms a replica puts into
 * the ring ({@link AllReduce}) — as little-endian elements of the weights' dtype, keyed by the partition's index. The
 * rows go through the network in chunks of {@link #CHUNK}, summed in chunk order, so that a large partition needs
 * no more memory than a chunk's activations. Spark ships this function: it holds broadcast handles only.
 */
final class PartitionGradient implements Function2<Integer, Iterator<byte[]>, Iterator<Tuple2<Integer, byte[]>>> {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 8192;
    private static final Map<String, SoftReference<Dataset>> DECODED = new ConcurrentHashMap<>();

    private final Broadcast<byte[]> start;
    private final Broadcast<byte[]> weights;
    private final String run;

    /**
     * @param start   the run's start ({@link DataParallel#start}: plan, architecture, generators)
     * @param weights the weights to evaluate at, as {@link Transfer} bytes
     * @param run     a name of the run unique in time (broadcast numbers start over with each Spark context)
     */
    PartitionGradient(Broadcast<byte[]> start, Broadcast<byte[]> weights, String run) {
        this.start = start;
        this.weights = weights;
        this.run = run;
    }

    @Override
    public Iterator<Tuple2<Integer, byte[]>> call(Integer partition, Iterator<byte[]> input) {
        Safetensors.Contents begin = Transfer.decode(start.value());
        Plan plan = Plan.parse(begin.metadata().get(BarrierTraining.PLAN));
        Module model = BarrierTraining.network(begin);
        model.loadStateDict(Transfer.decode(weights.value()).tensors());
        Threads.set(plan.threads());
        Dataset rows = rows(run + ":" + partition, input, plan);
        return List.of(new Tuple2<>(partition, sums(model, plan, rows))).iterator();
    }

    /**
     * The partition's rows as a dataset: decoded once per executor and run (the key names the run and the
     * partition) and kept softly for its later evaluations, so that the cached blocks are not decoded at every
     * one; the entries of earlier runs are dropped when a new run begins.
     */
    private static Dataset rows(String key, Iterator<byte[]> input, Plan plan) {
        SoftReference<Dataset> kept = DECODED.get(key);
        Dataset rows = kept == null ? null : kept.get();
        if (rows == null) {
            List<byte[]> blocks = new ArrayList<>();
            input.forEachRemaining(blocks::add);
            rows = Rows.decode(blocks).dataset(plan.task(), plan.classes());
            String run = key.substring(0, key.indexOf(':') + 1);
            DECODED.keySet().removeIf(k -> !k.startsWith(run));
            DECODED.put(key, new SoftReference<>(rows));
        }
        return rows;
    }

    /** The partition's terms ({@link AllReduce#TAIL} after the gradient: Σ W·L, Σ W, rows, rows right) as bytes. */
    static byte[] sums(Module model, Plan plan, Dataset rows) {
        List<Variable> parameters = model.parameters();
        boolean f64 = parameters.get(0).data().dtype() == DType.F64;
        int n = 0;
        for (Variable p : parameters) {
            n += p.data().size();
        }
        int bytes = f64 ? Double.BYTES : Float.BYTES;
        byte[] out = new byte[(n + AllReduce.TAIL) * bytes];
        MemorySegment sums = MemorySegment.ofArray(out);
        Objective objective = plan.objective();
        boolean classes = plan.task() != Task.REGRESSION;
        double loss = 0;
        double weight = 0;
        long right = 0;
        model.train(true);
        try (TrainingStep step = new TrainingStep(model, objective, plan.optimizer().create(parameters))) {
            for (Batch chunk : Batches.inOrder(rows.features(), rows.targets(), CHUNK)) {
                double value = step.gradients(chunk);
                double w = objective.normalizer(chunk);
                loss += w * value;
                weight += w;
                right += classes ? RunningMetrics.correct(step.outputs(), chunk) : 0;
                long at = 0;
                for (Variable p : parameters) {
                    if (f64) {
                        for (double g : p.gradBuffer().doubles()) {
                            sums.set(Ring.DOUBLE, at, sums.get(Ring.DOUBLE, at) + w * g);
                            at += bytes;
                        }
                    } else {
                        float scale = (float) w;
                        for (float g : p.gradBuffer().floats()) {
                            sums.set(Ring.FLOAT, at, sums.get(Ring.FLOAT, at) + scale * g);
                            at += bytes;
                        }
                    }
                }
            }
        }
        double[] tail = {loss, weight, rows.rows(), right};
        for (int t = 0; t < AllReduce.TAIL; t++) {
            long at = (long) (n + t) * bytes;
            if (f64) {
                sums.set(Ring.DOUBLE, at, tail[t]);
            } else {
                sums.set(Ring.FLOAT, at, (float) tail[t]);
            }
        }
        return out;
    }
}
