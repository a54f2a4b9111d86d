package dev.nabla.cli;

import dev.nabla.data.Dataset;
import dev.nabla.data.Datasets;
import dev.nabla.io.ModelFile;
import dev.nabla.io.ModelFileException;
import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;

/** Model files and data as the commands that use a trained model (eval, predict, summary, gradcheck) need them. */
final class Models {
    private Models() {
    }

    static TrainedModel load(Path file) throws ModelFileException {
        return ModelFile.load(file);
    }

    /** Saves through a temporary file (ModelFile writes atomically), so a failed save leaves any previous file as it was. */
    static void save(Path file, TrainedModel model) throws IOException {
        ModelFile.save(file, model);
    }

    /**
     * The labelled rows of {@code data} to score {@code model} on: a dataset's own test set when it has one
     * (Fashion-MNIST), else all its rows, encoded by the model's pipeline; the target is the model's unless
     * {@code target} names another.
     */
    static Dataset labelled(String data, String target, TrainedModel model) {
        // The model's task decides how the target reads: 15 rows of a regression target are not 15 classes.
        String column = target != null ? target : isFile(data) ? model.targetName() : null;
        return Datasets.labelled(data, column, model.pipeline(), model.task());
    }

    private static boolean isFile(String data) {
        return data.equals("-") || java.nio.file.Files.isRegularFile(Path.of(data));
    }
}
