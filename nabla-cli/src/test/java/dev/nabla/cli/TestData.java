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

    /**
     * A table as exports come: an id, a text category with a rare level, a yes/no column, a number with empty and NA
     * cells, and a binary target that depends on the category and the number.
     */
    static Path messy(Path dir, String name, int rows) throws IOException {
        StringBuilder sb = new StringBuilder("id,plan,member,spend,churned\n");
        SplittableRandom rng = new SplittableRandom(11);
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < rows; i++) {
            String plan = i == 5 ? "legacy" : plans[rng.nextInt(3)];
            double spend = rng.nextDouble(0, 100);
            String cell = i % 9 == 0 ? "" : i % 13 == 0 ? "NA" : String.format(Locale.ROOT, "%.2f", spend);
            boolean churn = (plan.equals("basic") ? 30 : 70) + rng.nextDouble(-20, 20) > spend;
            sb.append("C-").append(1000 + i).append(',').append(plan).append(',').append(rng.nextBoolean() ? "yes" : "no")
                    .append(',').append(cell).append(',').append(churn ? "yes" : "no").append('\n');
        }
        return write(dir, name, sb.toString());
    }

    /** A small model trained on {@link #blobs} ({@code good.csv}): good.safetensors, 2-4-3 tanh, one epoch. */
    static Path model(Path dir) throws IOException {
        Path model = dir.resolve("good.safetensors");
        String[] args = {"train", "--data", blobs(dir, "good.csv", 20).toString(), "--layers", "4:tanh", "--epochs", "1",
                "--out", model.toString()};
        Cli r = Cli.run(args);
        if (r.code() != 0) {
            throw new IllegalStateException(r.toString());
        }
        return model;
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
