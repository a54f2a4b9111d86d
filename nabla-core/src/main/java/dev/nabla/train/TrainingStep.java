package dev.nabla.train;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.nn.Module;
import dev.nabla.nn.Positioned;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Schedule;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;

/**
 * One optimisation step θ ← update(θ, ∇L(θ; batch)), in two halves so that data-parallel training can sum the
 * replicas' gradients between them: {@link #gradients} (zero the gradients, forward, loss, backward) and
 * {@link #update} (clipping, the optimiser's step, the learning-rate schedule). The trainer, the benchmark
 * workloads and the JMH benchmarks all step through this class.
 *
 * <p>An optimiser that re-evaluates the loss within its step (L-BFGS) gets a closure over the last batch: its
 * first evaluation is the gradient half already done, later ones run the gradient half again on the same rows.
 * Clipping would change the function such an optimiser searches along, so the two are not combined.
 *
 * <p>The step owns a {@link Workspace} on the thread that made it: intermediate tensors are reused from step to
 * step, so a steady-state step allocates no tensor storage. Use it from that thread only, and close it there.
 */
public final class TrainingStep implements AutoCloseable {
    private final Module model;
    private final Objective objective;
    private final Optimizer optimizer;
    private final Workspace workspace;
    private final Optimizer.Closure closure = this::reevaluate;
    private final Positioned[] positioned;
    private Clipping clipping = Clipping.NONE;
    private Reduction reduction;
    private Schedule schedule;
    private Tensor outputs;
    private Batch batch;
    private double loss = Double.NaN;
    private boolean fresh;

    /** A step of {@code optimizer} on {@code model}'s {@code objective}; opens the step's workspace. */
    public TrainingStep(Module model, Objective objective, Optimizer optimizer) {
        this.model = model;
        this.objective = objective;
        this.optimizer = optimizer;
        this.workspace = Workspace.open();
        this.positioned = model.modules().stream().filter(m -> m instanceof Positioned).map(m -> (Positioned) m)
                .toArray(Positioned[]::new);
    }

    /**
     * The gradient half: ∇θ L for the batch, left in the parameters' gradients (which are zeroed first). Returns L;
     * when L is not finite the backward pass is skipped, and the caller should not {@link #update}.
     */
    public double gradients(Batch batch) {
        workspace.reset();
        optimizer.zeroGrad();
        this.batch = batch;
        this.fresh = true;
        if (batch.size() > 0) {
            Variable out = model.forward(Variable.constant(batch.features()));
            Variable value = objective.loss(out, batch);
            outputs = out.data();
            this.loss = value.item();
            if (Double.isFinite(loss)) {
                value.backward();
            }
        } else {
            // A replica's share of a batch may hold no row: its gradient is zero, its generators move on as the others'.
            for (Positioned p : positioned) {
                p.skip();
            }
            outputs = null;
            loss = 0;
        }
        if (reduction != null) {
            loss = reduction.reduce(loss, outputs, batch);
        }
        return loss;
    }

    /**
     * How the replicas of data-parallel training combine their gradient halves: after the gradient half on a
     * replica's share of a batch, {@link #reduce} replaces the gradients in the parameters by the whole batch's and
     * returns the whole batch's loss. Every replica calls it for every evaluation, also when its share is empty or
     * its loss is not finite, so that an optimiser that re-evaluates the loss (L-BFGS) sees the whole batch too.
     */
    @FunctionalInterface
    public interface Reduction {
        /**
         * @param loss    the share's mean loss (0 for an empty share; not finite when the backward pass was skipped)
         * @param outputs the network's outputs for the share's rows (null for an empty share)
         * @param share   this replica's rows of the batch (may have none)
         * @return the whole batch's mean loss
         */
        double reduce(double loss, Tensor outputs, Batch share);
    }

    /** Combines every gradient half with the other replicas' (null, the default: no replicas); returns this. */
    public TrainingStep reduction(Reduction value) {
        this.reduction = value;
        return this;
    }

    /**
     * The update half: clipping, then one optimiser step from the gradients in the parameters (for an optimiser
     * that re-evaluates the loss, on the batch of the last {@link #gradients} call).
     */
    public void update() {
        if (clipping.active()) {
            clipping.apply(optimizer.parameters());
        }
        optimizer.step(closure);
        if (schedule != null) {
            schedule.step();
        }
    }

    /** The loss of the last batch at the current parameters, with its gradient; the first call reuses the last half. */
    private double reevaluate() {
        if (batch == null) {
            throw new IllegalStateException("update() before gradients(batch)");
        }
        if (!fresh) {
            gradients(batch);
        }
        fresh = false;
        return loss;
    }

    /** Steps {@code value} after every optimiser step (null, the default: a constant rate); returns this. */
    public TrainingStep schedule(Schedule value) {
        this.schedule = value;
        return this;
    }

    /** Clips the gradients before every optimiser step (none by default); returns this. */
    public TrainingStep clipping(Clipping value) {
        if (value.active() && optimizer.fullBatch()) {
            throw new IllegalArgumentException(optimizer.getClass().getSimpleName()
                    + " searches along the true gradient; it cannot be combined with gradient clipping");
        }
        this.clipping = java.util.Objects.requireNonNull(value);
        return this;
    }

    /** Both halves; returns the loss (the parameters are left as they were when it is not finite). */
    public double step(Batch batch) {
        double loss = gradients(batch);
        if (Double.isFinite(loss)) {
            update();
        }
        return loss;
    }

    /** The network's raw outputs for the last batch, valid until the next step. */
    public Tensor outputs() {
        return outputs;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public void close() {
        workspace.close();
    }
}
