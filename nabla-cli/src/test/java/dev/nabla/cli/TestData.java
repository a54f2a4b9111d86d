package dev.nabla.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Small CSV files written into a test's temporary directory. */
final class TestData {
    private TestData() {
    }

    /** Three well-separated Gaussian blobs with named classes: x,y,colour. */
    static Path blobs(Path dir, String name, int rowsPerClass) throws IOException {
        StringBuilder sb = new StringBuilder("x,y,colour\n");
        SplittableRandom rng = new SplittableRandom(7);
        String[] classes = {"red", "green", "blue"};
        double[][] centres = {{-3, 0}, {3, 0}, {0, 4}};
        for (int i = 0; i < rowsPerClass; i++) {
            for (int k = 0; k < 3; k++) {
                sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", centres[k][0] + rng.nextDouble(-1, 1),
                        centres[k][1] + rng.nextDouble(-1, 1), classes[k]));
            }
        }
        return write(dir, name, sb.toString());
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
