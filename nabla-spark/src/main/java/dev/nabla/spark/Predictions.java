package dev.nabla.spark;

import dev.nabla.data.RowEncoder;
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
    private final int[] fields;
    private final boolean columns;
    private final boolean raw;
    private final boolean probability;

    /**
     * Predictions of the model file's model from the features vector in field {@code fields[0]}, or when
     * {@code columns}, from the raw columns its pipeline reads, in fields {@code fields} in the pipeline's order.
     */
    Predictions(byte[] modelFile, int[] fields, boolean columns, boolean raw, boolean probability) {
        this.modelFile = modelFile;
        this.fields = fields.clone();
        this.columns = columns;
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
                Tensor input = columns ? encoded(model, chunk) : vectors(chunk, d);
                Tensor z = model.outputs(input);
                Prediction p = model.predictFromOutputs(z);
                for (int i = 0; i < chunk.size(); i++) {
                    out.add(append(chunk.get(i), i, z, p));
                }
                chunk.clear();
            }
        }
        return out.iterator();
    }

    private Tensor vectors(List<Row> chunk, int d) {
        float[] x = new float[chunk.size() * d];
        for (int i = 0; i < chunk.size(); i++) {
            Vector v = (Vector) chunk.get(i).get(fields[0]);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) v.apply(j);
            }
        }
        return Tensor.wrap(x, chunk.size(), d);
    }

    /** Raw cells read as {@code nabla predict} reads a file's and encoded ({@link TrainedModel#predictRows}). */
    private Tensor encoded(TrainedModel model, List<Row> chunk) {
        String[] names = model.pipeline().columns().toArray(String[]::new);
        List<java.util.Map<String, Object>> cells = new ArrayList<>(chunk.size());
        for (Row r : chunk) {
            cells.add(PartTable.cells(r, names, fields));
        }
        return Tensor.wrap(new RowEncoder(model.pipeline(), TableFrame.SOURCE).encode(cells), chunk.size(),
                model.inputs());
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
