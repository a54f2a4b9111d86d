package dev.nabla.onnx;

import dev.nabla.data.CategoryEncoder;
import dev.nabla.data.DataSource;
import dev.nabla.data.Datasets;
import dev.nabla.data.Encoder;
import dev.nabla.data.Table;
import dev.nabla.data.TableOptions;
import dev.nabla.nn.Module;
import dev.nabla.tensor.DType;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Training;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small models trained for the export tests, and the raw rows to predict with. */
final class Trained {
    /** Missing-value tokens as users write them: the reader's, in other letter cases, and an empty cell. */
    private static final List<String> MISSING_SPELLINGS = List.of("", "NA", "na", "?", "None", "NULL", "nan");

    private Trained() {
    }

    /** A model of {@code dataset} trained for a few epochs. */
    static TrainedModel on(String dataset, TableOptions options, String layers) {
        DataSource source = Datasets.open(dataset, null, options);
        return Training.builder().layers(layers).epochs(3).seed(7).build().run(source).model();
    }

    /** The same model with a float64 network. */
    static TrainedModel f64(TrainedModel m) {
        Module network = m.spec().build(new SplittableRandom(1));
        network.loadStateDict(m.network().stateDict());
        network.to(DType.F64);
        return new TrainedModel(m.spec(), network, m.task(), m.objective(), m.pipeline(), m.scaling(),
                m.targetScaling(), m.classNames(), m.targetName(), m.threshold(), m.provenance());
    }

    /**
     * Up to {@code count} rows of the table as column → cell (numbers as floats, categories as their level text,
     * missing cells absent), then changed as users' rows come: every few rows a number left out, a category never
     * seen in training, a missing-value token in another spelling, a category left out.
     */
    static List<Map<String, Object>> rows(TrainedModel model, Table table, int count) {
        List<Encoder> encoders = model.pipeline().encoders();
        List<Map<String, Object>> rows = new ArrayList<>();
        int n = Math.min(count, table.rows());
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new HashMap<>();
            for (Encoder e : encoders) {
                Table.Column c = table.column(e.column());
                if (c.isMissing(i)) {
                    continue;
                }
                row.put(e.column(), e instanceof CategoryEncoder ? c.level(i) : (Object) c.number(i));
            }
            Encoder e = encoders.get(i % encoders.size());
            boolean category = e instanceof CategoryEncoder;
            switch (i % 4) {
                case 1 -> row.remove(e.column());
                case 2 -> {
                    if (category) {
                        row.put(e.column(), "never seen " + i);
                    }
                }
                case 3 -> {
                    if (category) {
                        row.put(e.column(), MISSING_SPELLINGS.get(i % MISSING_SPELLINGS.size()));
                    }
                }
                default -> { }
            }
            rows.add(row);
        }
        return rows;
    }
}
