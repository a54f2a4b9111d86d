package dev.nabla.spark;

import dev.nabla.data.MedianSearch;
import dev.nabla.data.Pipeline;
import dev.nabla.data.Table;
import dev.nabla.data.TableProfile;
import dev.nabla.data.TableReader;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * A pass of {@link TableFrame} over a partition: its rows of raw columns (the inputs, then the label) as a Nabla
 * {@link Table}, read as a file's cells would be (numbers of Nabla's grammar, the missing-value tokens, texts), and the
 * rows whose label is present, make one result. Spark ships it: it holds column names and missing tokens.
 *
 * @param <T> the partition's result
 */
abstract class PartTable<T> implements FlatMapFunction<Iterator<Row>, T> {
    private static final long serialVersionUID = 1L;
    private final String[] columns;
    private final String[] missing;

    PartTable(String[] columns, List<String> missing) {
        this.columns = columns.clone();
        this.missing = missing.toArray(String[]::new);
    }

    @Override
    public Iterator<T> call(Iterator<Row> rows) {
        Table t = table(rows);
        return List.of(apply(t, t.present(t.column(label())))).iterator();
    }

    /** The result of a partition's table and its rows with a label. */
    abstract T apply(Table part, int[] labelled);

    String label() {
        return columns[columns.length - 1];
    }

    private Table table(Iterator<Row> rows) {
        List<Map<String, Object>> cells = new ArrayList<>();
        while (rows.hasNext()) {
            cells.add(cells(rows.next(), columns, null));
        }
        return new TableReader(List.of(missing), null).rows(TableFrame.SOURCE, List.of(columns), cells);
    }

    /** A row's cells by column name: field j (or {@code fields[j]}) under {@code names[j]}; nulls left out. */
    static Map<String, Object> cells(Row row, String[] names, int[] fields) {
        Map<String, Object> m = new HashMap<>();
        for (int j = 0; j < names.length; j++) {
            Object v = row.get(fields == null ? j : fields[j]);
            if (v != null) {
                m.put(names[j], v);
            }
        }
        return m;
    }

    /** A partition's {@link TableProfile} of its labelled rows, as bytes. */
    static final class Profile extends PartTable<byte[]> {
        private static final long serialVersionUID = 1L;
        private final String[] levels;

        Profile(String[] columns, List<String> missing, Set<String> levels) {
            super(columns, missing);
            this.levels = levels.toArray(String[]::new);
        }

        @Override
        byte[] apply(Table part, int[] labelled) {
            Set<String> counted = Set.of(levels);
            return TableProfile.of(part, labelled, counted::contains).toBytes();
        }
    }

    /** A partition's counts for {@link MedianSearch}: of the upper bits, or given the buckets, of the lower bits. */
    static final class Counts extends PartTable<long[]> {
        private static final long serialVersionUID = 1L;
        private final String[] numbers;
        private final int[] buckets;

        Counts(String[] columns, List<String> missing, String[] numbers, int[] buckets) {
            super(columns, missing);
            this.numbers = numbers.clone();
            this.buckets = buckets == null ? null : buckets.clone();
        }

        @Override
        long[] apply(Table part, int[] labelled) {
            return buckets == null ? MedianSearch.upper(part, labelled, List.of(numbers))
                    : MedianSearch.lower(part, labelled, List.of(numbers), buckets);
        }
    }

    /**
     * A partition's labelled rows encoded by the fitted pipeline (unscaled) as one block of {@link Rows}, the label as
     * its class index or its number, [rows, 1].
     */
    static final class Encode extends PartTable<byte[]> {
        private static final long serialVersionUID = 1L;
        private final String pipeline;
        private final String[] classNames;

        Encode(String[] columns, List<String> missing, String pipeline, String[] classNames) {
            super(columns, missing);
            this.pipeline = pipeline;
            this.classNames = classNames.clone();
        }

        @Override
        byte[] apply(Table part, int[] labelled) {
            Table kept = part.subset(labelled);
            Tensor x = TableFrame.pipeline(pipeline).encode(kept);
            Table.Column label = kept.column(label());
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < classNames.length; k++) {
                index.put(classNames[k], k);
            }
            int n = kept.rows();
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = classNames.length > 0 ? index.get(label.level(i)) : label.number(i);
            }
            return Rows.encode(x, Tensor.wrap(y, n, 1), 0, n);
        }
    }
}
