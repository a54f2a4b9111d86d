package dev.nabla.spark;

import dev.nabla.tensor.Tensor;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A partition's rows with predictions appended, a chunk of rows per forward pass: for classes the raw outputs
 * (rawPrediction; one logit z becomes [−z, z] as Spark's binary models have it) and the class probabilities, then
 * the class index; for numbers the value. Spark ships this function; it holds the model file's bytes, not a model.
 */
final class Predictions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 1024;

    private final byte[] modelFile;
    private final int features;
    private final boolean raw;
    private final boolean probability;

    Predictions(byte[] modelFile, int features, boolean raw, boolean probability) {
        this.modelFile = modelFile;
        this.features = features;
        this.raw = raw;
        this.probability = probability;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TrainedModel model = Transfer.model(modelFile);
        int d = model.inputs();
        List<Row> out = new ArrayList<>();
        List<Row> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext()) {
            chunk.add(rows.next());
            if (chunk.size() == CHUNK || !rows.hasNext()) {
                float[] x = new float[chunk.size() * d];
                for (int i = 0; i < chunk.size(); i++) {
                    Vector v = (Vector) chunk.get(i).get(features);
                    for (int j = 0; j < d; j++) {
                        x[i * d + j] = (float) v.apply(j);
                    }
                }
                Tensor input = Tensor.wrap(x, chunk.size(), d);
                Tensor z = raw ? model.outputs(input) : null;
                Prediction p = model.predict(input);
                for (int i = 0; i < chunk.size(); i++) {
                    out.add(append(chunk.get(i), i, z, p));
                }
                chunk.clear();
            }
        }
        return out.iterator();
    }

    private Row append(Row row, int i, Tensor z, Prediction p) {
        List<Object> values = new ArrayList<>(row.size() + 3);
        for (int c = 0; c < row.size(); c++) {
            values.add(row.get(c));
        }
        if (raw) {
            int k = z.cols();
            double[] r = new double[Math.max(2, k)];
            if (k == 1) {
                r[0] = -z.get(i);
                r[1] = z.get(i);
            } else {
                for (int j = 0; j < k; j++) {
                    r[j] = z.get(i, j);
                }
            }
            values.add(Vectors.dense(r));
        }
        if (probability) {
            Tensor probs = p.probabilities();
            double[] q = new double[probs.cols()];
            for (int j = 0; j < q.length; j++) {
                q[j] = probs.get(i, j);
            }
            values.add(Vectors.dense(q));
        }
        values.add(p.classes() != null ? (double) p.classes()[i] : (double) p.values()[i]);
        return RowFactory.create(values.toArray());
    }
}
