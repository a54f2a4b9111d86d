package dev.nabla.cli;

import dev.nabla.train.History;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Learning curves (a metric per epoch, training against validation) drawn with XChart. */
final class Charts {
    static final int WIDTH = 720;
    static final int HEIGHT = 420;

    private Charts() {
    }

    /**
     * The curve of {@code metric} on the training rows and, when recorded, on the validation rows over the epochs of {@code history}.
     *
     * @return the image, or null when the history lacks the metric (e.g. accuracy in a regression)
     */
    static BufferedImage curves(History history, String metric, String title) {
        double[] train = finite(history.series(metric));
        if (train.length == 0) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(metric).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.addSeries("train", epochs(train.length), train).setMarker(SeriesMarkers.CIRCLE);
        double[] validation = finite(history.validationSeries(metric));
        if (validation.length == train.length) {
            chart.addSeries("validation", epochs(validation.length), validation).setMarker(SeriesMarkers.DIAMOND);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** One curve y(x) on [0, 1] × [0, 1], with the chance diagonal when {@code diagonal}. */
    static BufferedImage line(String title, String xTitle, String yTitle, double[] x, double[] y, boolean diagonal) {
        XYChart chart = new XYChartBuilder().width(HEIGHT + 60).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.addSeries("curve", x, y).setMarker(SeriesMarkers.NONE);
        if (diagonal) {
            chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE)
                    .setLineColor(java.awt.Color.LIGHT_GRAY);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The learning rate of each epoch's last update, on a log scale; null when the history has none. */
    static BufferedImage learningRate(History history) {
        double[] rates = finite(history.learningRates());
        if (rates.length == 0 || java.util.Arrays.stream(rates).anyMatch(r -> r <= 0)) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Learning rate")
                .xAxisTitle("epoch").yAxisTitle("learning rate").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.addSeries("learning rate", epochs(rates.length), rates).setMarker(SeriesMarkers.CIRCLE);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static double[] epochs(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** The values that are numbers; a series with any NaN (metric missing in some epoch) is dropped whole. */
    private static double[] finite(List<Double> values) {
        List<Double> kept = new ArrayList<>();
        for (Double v : values) {
            if (v == null || !Double.isFinite(v)) {
                return new double[0];
            }
            kept.add(v);
        }
        return kept.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
