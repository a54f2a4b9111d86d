package dev.nabla.spark;

import dev.nabla.io.CheckpointFile;
import dev.nabla.io.ModelFile;
import dev.nabla.io.ModelFileException;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.Module;
import dev.nabla.nn.Positioned;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.EpochResult;
import dev.nabla.train.History;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes between the driver and the replicas, as bytes that are data and never code: weights as a safetensors
 * file (the format of Nabla's model files) with text beside them in its metadata — the plan, the architecture, the
 * history. The safetensors API reads and writes files, so the bytes pass through a temporary one.
 */
final class Transfer {
    private Transfer() {
    }

    /** {@code tensors} and {@code metadata} as the bytes of a safetensors file. */
    static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        return throughFile(file -> {
            Safetensors.write(file, tensors, metadata);
            return Files.readAllBytes(file);
        });
    }

    /** The tensors and metadata of safetensors bytes made by {@link #encode}. */
    static Safetensors.Contents decode(byte[] bytes) {
        return throughFile(file -> Safetensors.read(Files.write(file, bytes)));
    }

    /** A trained model as the bytes of its model file. */
    static byte[] model(TrainedModel model) {
        return throughFile(file -> {
            ModelFile.save(file, model);
            return Files.readAllBytes(file);
        });
    }

    /** The model of model-file bytes. */
    static TrainedModel model(byte[] bytes) {
        return throughFile(file -> ModelFile.load(Files.write(file, bytes)));
    }

    /** The seeds and positions of a network's own generators ({@link Positioned}), in module order, as text. */
    static String generators(Module network) {
        StringBuilder s = new StringBuilder();
        for (Module m : network.modules()) {
            if (m instanceof Positioned p) {
                s.append(s.isEmpty() ? "" : ",").append(p.seed()).append(':').append(p.position());
            }
        }
        return s.toString();
    }

    /** Puts the generators of {@code network}, built from the same architecture, where {@link #generators} says. */
    static void generators(Module network, String text) {
        String[] each = text.isEmpty() ? new String[0] : text.split(",");
        int i = 0;
        for (Module m : network.modules()) {
            if (m instanceof Positioned p) {
                String[] f = each[i++].split(":");
                p.reseed(Long.parseLong(f[0]));
                p.seek(Long.parseLong(f[1]));
            }
        }
    }

    /** A training state as checkpoint bytes ({@link CheckpointFile}, without arguments). */
    static byte[] state(TrainingState state) {
        try {
            Path dir = Files.createTempDirectory("nabla-spark-state-");
            try {
                Path written = CheckpointFile.write(dir, 0, state, List.of());
                byte[] bytes = Files.readAllBytes(written);
                Files.delete(written);
                return bytes;
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a training state through a temporary file: " + e.getMessage(), e);
        }
    }

    /** The training state of checkpoint bytes made by {@link #state(TrainingState)}. */
    static TrainingState state(byte[] bytes) {
        return throughFile(file -> {
            try {
                return CheckpointFile.read(Files.write(file, bytes)).state();
            } catch (ModelFileException e) {
                throw new IllegalStateException("the driver sent a state it cannot read back: " + e.getMessage(), e);
            }
        });
    }

    private interface FileUse<T> {
        T apply(Path file) throws IOException;
    }

    /** {@code use} of a new temporary file, deleted afterwards. */
    private static <T> T throughFile(FileUse<T> use) {
        Path file = null;
        try {
            file = Files.createTempFile("nabla-spark-", ".safetensors");
            return use.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException("weights through a temporary file: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /**
     * A history as lines: {@code best stopped}, then per epoch {@code epoch nanos rate train validation}, metrics
     * as {@code name=value} joined by commas ({@code -} for none); numbers as {@link Double#toString}, exact.
     */
    static String history(History h) {
        StringBuilder s = new StringBuilder().append(h.bestEpoch()).append(' ').append(h.stoppedEarly()).append('\n');
        for (EpochResult e : h.epochs()) {
            s.append(e.epoch()).append(' ').append(e.time().toNanos()).append(' ').append(e.learningRate()).append(' ')
                    .append(metrics(e.train())).append(' ').append(metrics(e.validation())).append('\n');
        }
        return s.toString();
    }

    static History history(String text) {
        String[] lines = text.split("\n");
        String[] head = lines[0].split(" ");
        List<EpochResult> epochs = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            epochs.add(new EpochResult(Integer.parseInt(f[0]), metrics(f[3]), metrics(f[4]),
                    Duration.ofNanos(Long.parseLong(f[1])), Double.parseDouble(f[2])));
        }
        return new History(epochs, Integer.parseInt(head[0]), Boolean.parseBoolean(head[1]));
    }

    private static String metrics(Map<String, Double> m) {
        if (m.isEmpty()) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        m.forEach((k, v) -> s.append(s.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return s.toString();
    }

    private static Map<String, Double> metrics(String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!text.equals("-")) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                m.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
            }
        }
        return m;
    }
}
