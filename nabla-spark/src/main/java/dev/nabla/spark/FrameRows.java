package dev.nabla.spark;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A DataFrame's rows on their way to the replicas: (features vector, numeric label) rows as blocks of {@link Rows},
 * and blocks (scaled by {@link Blocks}) as K contiguous blocks — global row i is the i-th row of the DataFrame in its
 * partitions' order, exactly the row order single-process training would see — one block per replica partition.
 */
final class FrameRows {
    private FrameRows() {
    }

    /** The (features, label) rows of a DataFrame as one block of {@link Rows} per partition, unscaled. */
    static JavaRDD<byte[]> blocks(JavaRDD<Row> rows, int d) {
        return rows.mapPartitions(new ToBlock(d));
    }

    /**
     * Blocks of {@link Rows}, one per source partition in the DataFrame's order, as K contiguous blocks: partition q
     * holding global rows ⌊q·N/K⌋…⌊(q+1)·N/K⌋; returns them with the first global row of each.
     */
    static Placed place(JavaRDD<byte[]> source, int k) {
        JavaRDD<byte[]> blocks = source.persist(StorageLevel.MEMORY_AND_DISK());
        List<Integer> counts = blocks.map(b -> Rows.count(b)).collect();
        long[] starts = new long[counts.size()];
        long n = 0;
        for (int p = 0; p < counts.size(); p++) {
            starts[p] = n;
            n += counts.get(p);
        }
        int parts = (int) Math.max(1, Math.min(k, n));
        JavaPairRDD<Long, byte[]> pieces = blocks.mapPartitionsWithIndex(new Cut(starts, n, parts), true)
                .mapPartitionsToPair(new Pairs()).partitionBy(new Contiguous(n, parts));
        JavaRDD<byte[]> placed = pieces.mapPartitions(new Join());
        long[] offsets = new long[parts];
        for (int q = 0; q < parts; q++) {
            offsets[q] = n * q / parts;
        }
        return new Placed(placed, offsets, n, blocks);
    }

    /** Blocks ready for the barrier stage, their first global rows, the row count and the cache to free after. */
    record Placed(JavaRDD<byte[]> blocks, long[] offsets, long rows, JavaRDD<byte[]> cached) {
    }

    /** Features then label of a (features, label) row into {@code x}; refuses a wrong width or a missing label. */
    static void read(Row row, int d, double[] x) {
        Vector v = (Vector) row.get(0);
        if (v == null || v.size() != d) {
            throw new IllegalArgumentException("a features vector of size " + (v == null ? "null" : v.size())
                    + " among vectors of size " + d);
        }
        for (int j = 0; j < d; j++) {
            x[j] = v.apply(j);
        }
        Object label = row.get(1);
        if (!(label instanceof Number number) || Double.isNaN(number.doubleValue())) {
            throw new IllegalArgumentException("a row without a numeric label (" + label + ")");
        }
        x[d] = number.doubleValue();
    }

    /** A partition's rows as one block, the label as [rows, 1]. */
    private static final class ToBlock implements FlatMapFunction<Iterator<Row>, byte[]> {
        private static final long serialVersionUID = 1L;
        private final int d;

        ToBlock(int d) {
            this.d = d;
        }

        @Override
        public Iterator<byte[]> call(Iterator<Row> rows) {
            List<float[]> features = new ArrayList<>();
            List<Float> labels = new ArrayList<>();
            double[] x = new double[d + 1];
            while (rows.hasNext()) {
                read(rows.next(), d, x);
                float[] f = new float[d];
                for (int j = 0; j < d; j++) {
                    f[j] = (float) x[j];
                }
                features.add(f);
                labels.add((float) x[d]);
            }
            int n = features.size();
            float[] all = new float[n * d];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(features.get(i), 0, all, i * d, d);
                y[i] = labels.get(i);
            }
            return List.of(Rows.encode(Tensor.wrap(all, n, d), Tensor.wrap(y, n, 1), 0, n)).iterator();
        }
    }

    /** Cuts source partition p's block (global rows starts[p]…) at the replica partitions' boundaries. */
    private static final class Cut implements Function2<Integer, Iterator<byte[]>, Iterator<byte[]>> {
        private static final long serialVersionUID = 1L;
        private final long[] starts;
        private final long rows;
        private final int parts;

        Cut(long[] starts, long rows, int parts) {
            this.starts = starts.clone();
            this.rows = rows;
            this.parts = parts;
        }

        @Override
        public Iterator<byte[]> call(Integer p, Iterator<byte[]> blocks) {
            List<byte[]> out = new ArrayList<>();
            long first = starts[p];
            while (blocks.hasNext()) {
                Rows block = Rows.decode(List.of(blocks.next()));
                int from = 0;
                while (from < block.count()) {
                    long global = first + from;
                    int q = Contiguous.part(global, rows, parts);
                    long end = rows * (q + 1) / parts;
                    int to = (int) Math.min(block.count(), end - first);
                    out.add(Rows.withOffset(global,
                            Rows.encode(block.features(), block.targets(), from, to)));
                    from = to;
                }
                first += block.count();
            }
            return out.iterator();
        }
    }

    /** A piece keyed by its first global row. */
    private static final class Pairs implements PairFlatMapFunction<Iterator<byte[]>, Long, byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Tuple2<Long, byte[]>> call(Iterator<byte[]> pieces) {
            List<Tuple2<Long, byte[]>> out = new ArrayList<>();
            pieces.forEachRemaining(p -> out.add(new Tuple2<>(Rows.offset(p), Rows.withoutOffset(p))));
            return out.iterator();
        }
    }

    /** A replica partition's pieces in global row order, joined into one block. */
    private static final class Join implements FlatMapFunction<Iterator<Tuple2<Long, byte[]>>, byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<byte[]> call(Iterator<Tuple2<Long, byte[]>> pieces) {
            List<Tuple2<Long, byte[]>> all = new ArrayList<>();
            pieces.forEachRemaining(all::add);
            all.sort((a, b) -> Long.compare(a._1(), b._1()));
            Rows joined = Rows.decode(all.stream().map(Tuple2::_2).toList());
            return List.of(Rows.encode(joined.features(), joined.targets(), 0, joined.count())).iterator();
        }
    }

    /** Global row i goes to partition ⌊i·K/N⌋ rounded so that partition q holds rows ⌊q·N/K⌋…⌊(q+1)·N/K⌋. */
    static final class Contiguous extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final long rows;
        private final int parts;

        Contiguous(long rows, int parts) {
            this.rows = rows;
            this.parts = parts;
        }

        static int part(long row, long rows, int parts) {
            int q = (int) (row * parts / rows);
            while (q + 1 < parts && rows * (q + 1) / parts <= row) {
                q++;
            }
            while (q > 0 && rows * q / parts > row) {
                q--;
            }
            return q;
        }

        @Override
        public int numPartitions() {
            return parts;
        }

        @Override
        public int getPartition(Object key) {
            return part((Long) key, rows, parts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Contiguous c && c.rows == rows && c.parts == parts;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(rows) * 31 + parts;
        }
    }
}
