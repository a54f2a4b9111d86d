package dev.nabla.spark;

import dev.nabla.data.Task;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.train.Objective;
import dev.nabla.train.Trainer;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Everything a replica needs to train as the {@link Trainer} would, as text: the trainer's settings, the objective,
 * the optimiser and schedule as data, the task, the number of training rows and the kernel threads per task. It
 * travels to the executors as plain key = value lines (never as a Java-serialised object), and every value reads
 * back to the same number ({@link Double#toString} is exact).
 *
 * @param classes  the target's classes (0 for numbers)
 * @param rows     the training rows of all partitions together
 * @param threads  kernel threads each replica uses
 * @param recovery where checkpoints go and come from
 */
record Plan(int epochs, int batchSize, boolean shuffle, long seed, int patience, Objective objective,
            OptimizerConfig optimizer, ScheduleConfig schedule, Clipping clipping, Task task, int classes, long rows,
            int threads, Recovery recovery) {

    /**
     * Checkpoints of a run: rank 0 writes one into {@code dir} (null: none) every {@code every} steps and at epoch
     * starts, with the run's arguments {@code args}; a retried stage resumes from the newest one numbered above
     * {@code existing} (those up to it were there before the run began).
     *
     * @param failAt for tests: the last replica of the stage's first attempt fails before global step {@code failAt}
     *               (0: never)
     */
    record Recovery(String dir, long every, List<String> args, long existing, long failAt) {
        static final Recovery NONE = new Recovery(null, 0, List.of(), -1, 0);

        Recovery {
            args = List.copyOf(args);
        }

        /** These checkpoints, of a run that finds checkpoints up to global step {@code step} in the directory. */
        Recovery after(long step) {
            return new Recovery(dir, every, args, step, failAt);
        }

        Path directory() {
            return dir == null ? null : Path.of(dir);
        }
    }

    /** The plan of {@code trainer}'s loop on {@code rows} rows of a target of {@code classes} classes (0: numbers). */
    static Plan of(Trainer trainer, Objective objective, OptimizerConfig optimizer, Task task, int classes, long rows,
                   int threads, Recovery recovery) {
        return new Plan(trainer.epochs(), trainer.batchSize(), trainer.shuffle(), trainer.seed(), trainer.patience(),
                objective, optimizer, trainer.schedule(), trainer.clipping(), task, classes, rows, threads, recovery);
    }

    /** This plan with {@code value} for its checkpoints. */
    Plan with(Recovery value) {
        return new Plan(epochs, batchSize, shuffle, seed, patience, objective, optimizer, schedule, clipping, task,
                classes, rows, threads, value);
    }

    /** Batches in one pass over the rows, as the trainer cuts them. */
    long batchesPerPass() {
        if (optimizer.fullBatch() || rows == 0) {
            return 1;
        }
        long b = Math.min(batchSize, rows);
        return (rows + b - 1) / b;
    }

    /** A trainer with these settings (listeners aside), for a replica. */
    Trainer.Builder trainer() {
        return Trainer.builder().epochs(epochs).batchSize(batchSize).shuffle(shuffle).seed(seed).patience(patience)
                .objective(objective).schedule(schedule).clipping(clipping);
    }

    String toText() {
        Properties p = new Properties();
        p.setProperty("epochs", Integer.toString(epochs));
        p.setProperty("batch_size", Integer.toString(batchSize));
        p.setProperty("shuffle", Boolean.toString(shuffle));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("patience", Integer.toString(patience));
        p.setProperty("objective", objective.kind().id());
        p.setProperty("objective.delta", Double.toString(objective.delta()));
        p.setProperty("objective.label_smoothing", Double.toString(objective.labelSmoothing()));
        p.setProperty("objective.pos_weight", Double.toString(objective.posWeight()));
        if (objective.classWeights() != null) {
            p.setProperty("objective.class_weights", Arrays.stream(objective.classWeights()).mapToObj(Double::toString)
                    .collect(Collectors.joining(",")));
        }
        p.setProperty("optimizer", optimizer.name());
        p.setProperty("optimizer.learning_rate", Double.toString(optimizer.learningRate()));
        p.setProperty("optimizer.weight_decay", Double.toString(optimizer.weightDecay()));
        p.setProperty("optimizer.options", join(optimizer.options()));
        if (schedule != null) {
            p.setProperty("schedule", schedule.name());
            p.setProperty("schedule.args", join(schedule.args()));
            p.setProperty("schedule.warmup", Integer.toString(schedule.warmup()));
        }
        p.setProperty("clip_norm", Double.toString(clipping.maxNorm()));
        p.setProperty("clip_value", Double.toString(clipping.maxValue()));
        p.setProperty("task", task.id());
        p.setProperty("classes", Integer.toString(classes));
        p.setProperty("rows", Long.toString(rows));
        p.setProperty("threads", Integer.toString(threads));
        if (recovery.dir() != null) {
            p.setProperty("checkpoint.dir", recovery.dir());
        }
        p.setProperty("checkpoint.every", Long.toString(recovery.every()));
        p.setProperty("checkpoint.existing", Long.toString(recovery.existing()));
        p.setProperty("checkpoint.fail_at", Long.toString(recovery.failAt()));
        p.setProperty("checkpoint.args", Integer.toString(recovery.args().size()));
        for (int i = 0; i < recovery.args().size(); i++) {
            p.setProperty("checkpoint.args." + i, recovery.args().get(i));
        }
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static Plan parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Objective objective = objective(p);
        OptimizerConfig optimizer = new OptimizerConfig(p.getProperty("optimizer"),
                number(p, "optimizer.learning_rate"), number(p, "optimizer.weight_decay"),
                split(p.getProperty("optimizer.options")));
        ScheduleConfig schedule = p.getProperty("schedule") == null ? null : new ScheduleConfig(p.getProperty("schedule"),
                split(p.getProperty("schedule.args")), Integer.parseInt(p.getProperty("schedule.warmup")));
        return new Plan(Integer.parseInt(p.getProperty("epochs")), Integer.parseInt(p.getProperty("batch_size")),
                Boolean.parseBoolean(p.getProperty("shuffle")), Long.parseLong(p.getProperty("seed")),
                Integer.parseInt(p.getProperty("patience")), objective, optimizer, schedule,
                new Clipping(number(p, "clip_norm"), number(p, "clip_value")), Task.fromId(p.getProperty("task")),
                Integer.parseInt(p.getProperty("classes")), Long.parseLong(p.getProperty("rows")),
                Integer.parseInt(p.getProperty("threads")), recovery(p));
    }

    private static Recovery recovery(Properties p) {
        List<String> args = new ArrayList<>();
        int n = Integer.parseInt(p.getProperty("checkpoint.args"));
        for (int i = 0; i < n; i++) {
            args.add(p.getProperty("checkpoint.args." + i));
        }
        return new Recovery(p.getProperty("checkpoint.dir"), Long.parseLong(p.getProperty("checkpoint.every")), args,
                Long.parseLong(p.getProperty("checkpoint.existing")), Long.parseLong(p.getProperty("checkpoint.fail_at")));
    }

    private static Objective objective(Properties p) {
        String kind = p.getProperty("objective");
        Objective o = kind.equals(Objective.Kind.HUBER.id()) ? Objective.huber(number(p, "objective.delta"))
                : Objective.fromId(kind);
        if (number(p, "objective.label_smoothing") != 0) {
            o = o.withLabelSmoothing(number(p, "objective.label_smoothing"));
        }
        if (number(p, "objective.pos_weight") != 1) {
            o = o.withPosWeight(number(p, "objective.pos_weight"));
        }
        String weights = p.getProperty("objective.class_weights");
        if (weights != null) {
            o = o.withClassWeights(Arrays.stream(weights.split(",")).mapToDouble(Double::parseDouble).toArray());
        }
        return o;
    }

    private static double number(Properties p, String key) {
        return Double.parseDouble(p.getProperty(key));
    }

    private static String join(Map<String, Double> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    private static Map<String, Double> split(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
            }
        }
        return values;
    }
}
