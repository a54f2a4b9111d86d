package dev.nabla.cli;

import dev.nabla.data.Dataset;
import dev.nabla.data.Task;
import dev.nabla.metrics.ConfusionMatrix;
import dev.nabla.metrics.Metrics;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's scores on raw (unscaled) rows: accuracy, log loss and macro F1 with the confusion matrix for
 * classes; MSE, MAE and R² for numbers.
 *
 * @param metrics   metric name → value, in display order
 * @param confusion counts of true × predicted classes; null for regression
 * @param rows      rows scored
 */
record Scores(Map<String, Double> metrics, ConfusionMatrix confusion, int rows) {

    static Scores of(TrainedModel model, Dataset data) {
        Prediction p = model.predict(data.features());
        Map<String, Double> m = new LinkedHashMap<>();
        if (model.task() == Task.REGRESSION) {
            float[] truth = data.values();
            m.put("mse", Metrics.mse(truth, p.values()));
            m.put("mae", Metrics.mae(truth, p.values()));
            m.put("r2", Metrics.r2(truth, p.values()));
            return new Scores(m, null, data.rows());
        }
        int[] truth = data.withClassOrder(model.classNames()).labels();
        ConfusionMatrix confusion = ConfusionMatrix.of(truth, p.classes(), model.classNames().size());
        m.put("accuracy", Metrics.accuracy(truth, p.classes()));
        m.put("log_loss", Metrics.logLoss(p.probabilities(), truth));
        m.put("macro_f1", confusion.macroF1());
        return new Scores(m, confusion, data.rows());
    }

    /** The headline number: accuracy for classes, R² for numbers. */
    String headline() {
        return confusion != null ? String.format(java.util.Locale.ROOT, "accuracy %.4f", metrics.get("accuracy"))
                : String.format(java.util.Locale.ROOT, "r2 %.4f", metrics.get("r2"));
    }
}
