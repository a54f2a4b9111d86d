package dev.nabla.spark;

import dev.nabla.io.ModelSpecJson;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.Module;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Threads;
import dev.nabla.train.DivergedException;
import dev.nabla.train.History;
import dev.nabla.train.TrainingState;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The task of the one long-lived barrier stage: it reads its partition's rows once, rebuilds the network and the
 * plan from the broadcast start, joins the ring and trains its replica for the whole run; rank 0 returns the final
 * weights and the history. Spark Java-serialises this function to ship it: it holds only broadcast handles to
 * bytes and the partitions' first row numbers, never a Nabla object.
 */
final class BarrierTraining extends AbstractFunction1<Iterator<byte[]>, Iterator<byte[]>> implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String PLAN = "plan";
    static final String SPEC = "spec";
    static final String HISTORY = "history";
    static final String DIVERGED = "diverged";
    static final String GENERATORS = "generators";

    private final Broadcast<byte[]> start;
    private final Broadcast<byte[]> resume;
    private final Broadcast<byte[]> validation;
    private final long[] offsets;

    /**
     * @param start      the initial weights with the plan and the architecture in their metadata ({@link Transfer})
     * @param resume     the state to continue from as checkpoint bytes ({@link Transfer#state}), or null
     * @param validation the validation rows as one {@link Rows} block, or null
     * @param offsets    the global number of each partition's first row
     */
    BarrierTraining(Broadcast<byte[]> start, Broadcast<byte[]> resume, Broadcast<byte[]> validation, long[] offsets) {
        this.start = start;
        this.resume = resume;
        this.validation = validation;
        this.offsets = offsets.clone();
    }

    @Override
    public Iterator<byte[]> apply(Iterator<byte[]> input) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int rank = context.partitionId();
        int size = context.getTaskInfos().length;
        List<byte[]> blocks = new ArrayList<>();
        input.foreach(b -> blocks.add(b));
        Safetensors.Contents begin = Transfer.decode(start.value());
        Plan plan = Plan.parse(begin.metadata().get(PLAN));
        Module model = network(begin);
        Threads.set(plan.threads());
        Rows heldOut = rank == 0 && validation != null ? Rows.decode(List.of(validation.value())) : null;
        TrainingState from = Checkpoints.startingState(plan, resume == null ? null : Transfer.state(resume.value()),
                context);
        try (Ring ring = Ring.connect(rank, size, host(context.getTaskInfos()[rank].address()),
                context::allGather)) {
            Replica replica = new Replica(plan, model, Rows.decode(blocks), offsets[rank], ring,
                    heldOut == null ? null : heldOut.dataset(plan.task(), plan.classes()));
            Map<String, String> told = new LinkedHashMap<>();
            try {
                History history = replica.train(from, rank == 0 ? Checkpoints.sink(plan) : null,
                        Checkpoints.fault(plan, from, context, rank == size - 1));
                told.put(HISTORY, Transfer.history(history));
            } catch (DivergedException e) {
                // Every replica diverges at the same step (the reduced gradient is the same): not a fault to retry.
                told.put(DIVERGED, e.epoch() + " " + e.step() + " " + e.getMessage());
            }
            List<byte[]> out = rank == 0 ? List.of(Transfer.encode(model.stateDict(), told)) : List.of();
            return CollectionConverters.asScala(out.iterator());
        } catch (IOException e) {
            throw new UncheckedIOException("replica " + rank + " of " + size + ": " + e.getMessage(), e);
        }
    }

    /** The host of a task's address {@code host:port} (an IPv6 host in brackets loses them). */
    static String host(String address) {
        int colon = address.lastIndexOf(':');
        String host = colon > 0 && address.indexOf(':') == colon || address.startsWith("[") ? address.substring(0, colon)
                : address;
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The network of a start: its architecture built, converted to the weights' dtype, loaded with them and its
     * generators put where the driver's stood.
     */
    static Module network(Safetensors.Contents contents) {
        Module model;
        try {
            model = ModelSpecJson.parse(contents.metadata().get(SPEC), "the training plan", 0, 0)
                    .build(new SplittableRandom(0));
        } catch (dev.nabla.io.ModelFileException e) {
            throw new IllegalStateException("the driver sent an architecture it cannot read back: " + e.getMessage(), e);
        }
        Tensor any = contents.tensors().values().iterator().next();
        model.to(any.dtype());
        model.loadStateDict(contents.tensors());
        Transfer.generators(model, contents.metadata().get(GENERATORS));
        return model;
    }
}
