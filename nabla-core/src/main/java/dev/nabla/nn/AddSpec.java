package dev.nabla.nn;

import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Y = f₁(X) + f₂(X) + …, each branch a list of layers ({@link Add}); e.g. a skip connection. File form
 * {@code {"type": "add", "branches": [[…], […]]}}.
 */
public record AddSpec(List<List<LayerSpec>> branches) implements LayerSpec {
    static final List<LayerKind> KINDS = List.of(new LayerKind("add", Set.of("branches"),
            in -> new AddSpec(in.branches("branches"))));

    public AddSpec {
        if (branches.size() < 2) {
            throw new IllegalArgumentException("an add layer needs at least two branches, got " + branches.size());
        }
        branches = branches.stream().map(List::copyOf).toList();
        for (List<LayerSpec> b : branches) {
            if (b.isEmpty()) {
                throw new IllegalArgumentException("an add layer's branch may not be empty");
            }
        }
    }

    @Override
    public String type() {
        return "add";
    }

    @Override
    public int outputWidth(int width) {
        int first = ModelSpec.widthAfter(width, branches.get(0));
        for (List<LayerSpec> branch : branches) {
            int w = ModelSpec.widthAfter(width, branch);
            if (w != first) {
                throw new IllegalArgumentException("add layer: branches end with different widths, " + first + " and " + w);
            }
        }
        return first;
    }

    @Override
    public int maxWidth(int width) {
        int widest = width;
        for (List<LayerSpec> branch : branches) {
            widest = Math.max(widest, ModelSpec.maxWidth(width, branch));
        }
        return widest;
    }

    @Override
    public long stateSize(int width) {
        long n = 0;
        for (List<LayerSpec> branch : branches) {
            n = ModelSpec.saturatedSum(n, ModelSpec.stateSize(width, branch));
        }
        return n;
    }

    /** Branch k is module "k": its one layer, or a {@link Sequential} of its layers, as in PyTorch. */
    @Override
    public Module build(int width, LayerSpec next, RandomGenerator rng) {
        Module[] modules = new Module[branches.size()];
        for (int k = 0; k < modules.length; k++) {
            List<LayerSpec> branch = branches.get(k);
            modules[k] = branch.size() == 1 ? branch.get(0).build(width, null, rng)
                    : SequentialSpec.build(width, branch, rng);
        }
        return new Add(modules);
    }

    /** Each branch as module "k" (as {@link #build} names it), summed left to right as {@link Add} sums them. */
    @Override
    public String onnx(OnnxNodes out, String input, int width) {
        String sum = null;
        for (int k = 0; k < branches.size(); k++) {
            List<LayerSpec> branch = branches.get(k);
            OnnxNodes module = out.child(Integer.toString(k));
            String y = branch.size() == 1 ? branch.get(0).onnx(module, input, width)
                    : SequentialSpec.onnx(module, branch, input, width);
            sum = sum == null ? y : out.node("Add", sum, y);
        }
        return sum;
    }

    @Override
    public void write(SpecWriter out) {
        out.writeBranches("branches", branches);
    }

    @Override
    public String describe(int width) {
        return "Add(" + branches.size() + " branches)";
    }

    @Override
    public Init initBefore() {
        return Init.XAVIER_UNIFORM;
    }
}
