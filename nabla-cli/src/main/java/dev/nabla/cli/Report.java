package dev.nabla.cli;

import dev.nabla.io.AtomicFiles;
import dev.nabla.metrics.Metric;
import dev.nabla.metrics.Ranking;
import dev.nabla.train.History;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code --report DIR}: loss.png and accuracy.png (training against validation), learning_rate.png, confusion.png, and
 * report.html showing them with the run's configuration and final metrics. Each file is written
 * atomically; report.html goes last, so a report page never points at images that are not there yet.
 *
 * @param title         heading of the page, e.g. "digits: 64:relu"
 * @param configuration option → value, in display order
 * @param history       the epochs run
 * @param finalMetrics  metric → value on the test (or training) rows, in display order
 * @param metricsOn     which rows {@code finalMetrics} were measured on, e.g. "test (360 rows)"
 * @param confusion     counts[true][predicted], or null for regression
 * @param classNames    class names in label order (empty for regression)
 * @param ranking       the ROC and precision–recall curve of a binary classifier on the same rows, or null
 */
public record Report(String title, Map<String, String> configuration, History history,
                     Map<String, Double> finalMetrics, String metricsOn, int[][] confusion, List<String> classNames,
                     Ranking.Curve ranking) {

    public static final String LOSS = "loss.png";
    public static final String ACCURACY = "accuracy.png";
    public static final String CONFUSION = "confusion.png";
    public static final String ROC = "roc.png";
    public static final String PRECISION_RECALL = "precision-recall.png";
    public static final String LEARNING_RATE = "learning_rate.png";
    public static final String PAGE = "report.html";
    /** Every file a report may write, for the check that no input or other output is among them. */
    static final List<String> FILES = List.of(LOSS, ACCURACY, CONFUSION, ROC, PRECISION_RECALL, LEARNING_RATE, PAGE);

    /** Writes the images and the page into {@code dir} (created if needed); returns the page's path. */
    public Path write(Path dir) throws IOException {
        List<String> images = new ArrayList<>();
        writePng(dir, LOSS, Charts.curves(history, Metric.LOSS.id(), "Loss"), images);
        boolean classes = history.metricNames().contains(Metric.ACCURACY.id());
        String second = (classes ? Metric.ACCURACY : Metric.MAE).id();
        writePng(dir, ACCURACY, Charts.curves(history, second, classes ? "Accuracy" : "Mean absolute error"),
                images);
        writePng(dir, LEARNING_RATE, Charts.learningRate(history), images);
        if (confusion != null) {
            writePng(dir, CONFUSION, ConfusionImage.draw(confusion, classNames), images);
        }
        if (ranking != null) {
            String positive = classNames.get(1);
            writePng(dir, ROC, Charts.line("ROC curve (positive class: " + positive + ")", "false-positive rate",
                    "true-positive rate", prepend(0, ranking.falsePositiveRate()), prepend(0, ranking.recall()), true),
                    images);
            writePng(dir, PRECISION_RECALL, Charts.line("Precision–recall (positive class: " + positive + ")", "recall",
                    "precision", ranking.recall(), ranking.precision(), false), images);
        }
        Path page = dir.resolve(PAGE);
        AtomicFiles.writeString(page, ReportHtml.page(this, images));
        return page;
    }

    /** The curve starts at the origin, as ROC curves do (no row called positive). */
    private static double[] prepend(double first, double[] values) {
        double[] out = new double[values.length + 1];
        out[0] = first;
        System.arraycopy(values, 0, out, 1, values.length);
        return out;
    }

    private static void writePng(Path dir, String name, BufferedImage image, List<String> written) throws IOException {
        if (image == null) {
            return;
        }
        AtomicFiles.write(dir.resolve(name), (AtomicFiles.StreamWriter) out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this JDK");
            }
        });
        written.add(name);
    }
}
