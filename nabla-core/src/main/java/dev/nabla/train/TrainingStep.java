package dev.nabla.train;

import dev.nabla.autograd.Variable;
import dev.nabla.data.Batch;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.Workspace;

/**
 * One optimisation step θ ← update(θ, ∇L(θ; batch)), in two halves so that data-parallel training can sum the
 * replicas' gradients between them: {@link #gradients} (zero the gradients, forward, loss, backward) and
 * {@link #update} (the optimiser's step). The trainer, the benchmark workloads and the JMH benchmarks all step
 * through this class.
 *
 * <p>The step owns a {@link Workspace} on the thread that made it: intermediate tensors are reused from step to
 * step, so a steady-state step allocates no tensor storage. Use it from that thread only, and close it there.
 */
public final class TrainingStep implements AutoCloseable {
    private final Module model;
    private final Objective objective;
    private final Optimizer optimizer;
    private final Workspace workspace;
    private Tensor outputs;

    /** A step of {@code optimizer} on {@code model}'s {@code objective}; opens the step's workspace. */
    public TrainingStep(Module model, Objective objective, Optimizer optimizer) {
        this.model = model;
        this.objective = objective;
        this.optimizer = optimizer;
        this.workspace = Workspace.open();
    }

    /**
     * The gradient half: ∇θ L for the batch, left in the parameters' gradients (which are zeroed first). Returns L;
     * when L is not finite the backward pass is skipped, and the caller should not {@link #update}.
     */
    public double gradients(Batch batch) {
        workspace.reset();
        optimizer.zeroGrad();
        Variable out = model.forward(Variable.constant(batch.features()));
        Variable loss = objective.loss(out, batch);
        outputs = out.data();
        double value = loss.item();
        if (Double.isFinite(value)) {
            loss.backward();
        }
        return value;
    }

    /** The update half: one optimiser step from the gradients in the parameters. */
    public void update() {
        optimizer.step();
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
