package dev.nabla.train;

import dev.nabla.data.DataException;
import dev.nabla.data.Dataset;
import dev.nabla.metrics.ConfusionMatrix;
import dev.nabla.metrics.Metric;
import dev.nabla.metrics.Metrics;
import dev.nabla.metrics.Ranking;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's scores on a labelled dataset: accuracy, balanced accuracy, macro F1 and log-loss with the confusion matrix for
 * classes (and ROC AUC and average precision for two); MSE, MAE and R² for numbers.
 *
 * @param metrics    metric name → value, in a stable order
 * @param confusion  rows = actual class, columns = predicted class; null for regression
 * @param prediction what the model predicted for each row
 */
public record Evaluation(Map<String, Double> metrics, ConfusionMatrix confusion, Prediction prediction) {

    public Evaluation {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Scores {@code model} on the raw (unscaled) rows of {@code data}; features and classes are matched by name. */
    public static Evaluation of(TrainedModel model, Dataset data) {
        if (data.featureCount() != model.inputs()) {
            throw new DataException(data.name() + ": " + data.featureCount() + " features, but the model expects "
                    + model.inputs());
        }
        data = data.withFeatureOrder(model.featureNames());
        Map<String, Double> m = new LinkedHashMap<>();
        if (model.classNames().isEmpty()) {
            if (data.isClassification()) {
                throw new DataException(data.name() + ": target '" + data.targetName()
                        + "' holds classes, but the model predicts numbers");
            }
            Prediction p = model.predict(data.features());
            float[] truth = data.values();
            m.put(Metric.MSE.id(), Metrics.mse(truth, p.values()));
            m.put(Metric.MAE.id(), Metrics.mae(truth, p.values()));
            m.put(Metric.R2.id(), Metrics.r2(truth, p.values()));
            return new Evaluation(m, null, p);
        }
        Dataset labelled = data.withClassOrder(model.classNames());
        Prediction p = model.predict(labelled.features());
        int[] truth = labelled.labels();
        ConfusionMatrix cm = ConfusionMatrix.of(truth, p.classes(), model.classNames().size());
        m.put(Metric.ACCURACY.id(), cm.accuracy());
        m.put(Metric.BALANCED_ACCURACY.id(), cm.balancedAccuracy());
        m.put(Metric.MACRO_F1.id(), cm.macroF1());
        m.put(Metric.LOG_LOSS.id(), Metrics.logLoss(p.probabilities(), truth));
        if (model.classNames().size() == 2) {
            double[] scores = positiveScores(p);
            m.put(Metric.ROC_AUC.id(), Ranking.rocAuc(truth, scores));
            m.put(Metric.AVERAGE_PRECISION.id(), Ranking.averagePrecision(truth, scores));
        }
        return new Evaluation(m, cm, p);
    }

    /**
     * The ROC and precision–recall curve of a binary model's scores on {@code data} (the rows these scores are of),
     * with the second class as the positive one.
     */
    public Ranking.Curve ranking(TrainedModel model, Dataset data) {
        return Ranking.curve(data.withClassOrder(model.classNames()).labels(), positiveScores(prediction));
    }

    /** The probability of the second class, row by row. */
    static double[] positiveScores(Prediction p) {
        double[] scores = new double[p.rows()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = p.probabilities().get(i, 1);
        }
        return scores;
    }
}
