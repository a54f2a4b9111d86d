package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Profiles of parts merge into the profile of the whole: kinds and encoders fitted from merged profiles and from the
 * parts' median counts equal the one-process fit, whatever the split and the order of merging.
 */
class TableProfileTest {

    private static Table embedded(String name) {
        return new TableReader().read(TextInput.of(name, Dataset.class.getResourceAsStream("embedded/" + name + ".csv")));
    }

    /** Rows 0…n−1 cut into {@code parts} pieces: contiguous or dealt round-robin. */
    private static List<int[]> split(int n, int parts, boolean dealt) {
        List<int[]> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int part = p;
            out.add(dealt ? IntStream.range(0, n).filter(i -> i % parts == part).toArray()
                    : IntStream.range(n * p / parts, n * (p + 1) / parts).toArray());
        }
        return out;
    }

    private static TableProfile profile(Table t, int[] rows, String target, TableOptions options) {
        return TableProfile.of(t, rows, name -> name.equals(target) || t.column(name).distinctTexts() > 0
                || options.categorical().contains(name));
    }

    @ParameterizedTest
    @CsvSource({"credit_data,Status,1,false", "credit_data,Status,3,false", "credit_data,Status,4,true",
            "penguins,species,2,false", "penguins,species,5,true"})
    void mergedPartsFitWhatOneProcessFits(String name, String target, int parts, boolean dealt) {
        Table t = embedded(name);
        int[] all = IntStream.range(0, t.rows()).toArray();
        TableOptions options = TableOptions.defaults();
        Schema expected = Schema.infer(t, all, target, options);
        Pipeline expectedPipeline = Pipeline.fit(t, all, expected, options);

        List<int[]> pieces = split(t.rows(), parts, dealt);
        // Merged last part first, through bytes, as partitions' profiles arrive in any order.
        TableProfile merged = null;
        for (int p = parts - 1; p >= 0; p--) {
            TableProfile part = TableProfile.fromBytes(profile(t, pieces.get(p), target, options).toBytes());
            merged = merged == null ? part : merged.merge(part);
        }
        Schema schema = Schema.infer(merged, target, options);
        assertThat(schema).isEqualTo(expected);

        MedianSearch search = new MedianSearch(merged, schema.columns(ColumnKind.NUMBER));
        long[] upper = new long[search.columns().size() * RadixSelect.BUCKETS];
        for (int[] piece : pieces) {
            add(upper, MedianSearch.upper(t, piece, search.columns()));
        }
        int[] buckets = search.buckets(upper);
        long[] lower = new long[buckets.length * RadixSelect.BUCKETS];
        for (int[] piece : pieces) {
            add(lower, MedianSearch.lower(t, piece, search.columns(), buckets));
        }
        Pipeline pipeline = Pipeline.fit(merged, schema, options, search.medians(upper, lower));
        assertThat(pipeline).isEqualTo(expectedPipeline);
        assertThat(pipeline.describe()).isEqualTo(expectedPipeline.describe());
    }

    private static void add(long[] into, long[] counts) {
        for (int i = 0; i < into.length; i++) {
            into[i] += counts[i];
        }
    }

    @Test
    void theMeanComesFromTheExactSumInAnyOrder() {
        SplittableRandom r = new SplittableRandom(5);
        float[] v = new float[2000];
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(-140, 120)));
            exact = exact.add(new BigDecimal(v[i]));
        }
        ExactSum forward = new ExactSum();
        ExactSum halves = new ExactSum();
        ExactSum second = new ExactSum();
        for (int i = 0; i < v.length; i++) {
            forward.add(v[i]);
            (i < 777 ? second : halves).add(v[v.length - 1 - i]);
        }
        halves.add(second);
        assertThat(forward.value()).isEqualTo(exact.doubleValue());
        assertThat(halves.value()).isEqualTo(exact.doubleValue());
    }

    /** Many floats of one exponent (one bin) at the top of the range, a subnormal beside them, and a subnormal sum. */
    @Test
    void theExactSumHoldsManyFloatsOfOneMagnitude() {
        ExactSum s = new ExactSum();
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < 300_000; i++) {
            float v = i % 3 == 0 ? -Float.MAX_VALUE : Float.MAX_VALUE;
            s.add(v);
            exact = exact.add(new BigDecimal(v));
        }
        s.add(Float.MIN_VALUE);
        exact = exact.add(new BigDecimal(Float.MIN_VALUE));
        assertThat(s.value()).isEqualTo(exact.doubleValue());
        ExactSum negative = new ExactSum();
        for (int i = 0; i < 300_000; i++) {
            negative.add(-Float.MAX_VALUE);
            negative.add(-1.5f);
        }
        BigDecimal n = new BigDecimal(-Float.MAX_VALUE).add(new BigDecimal(-1.5)).multiply(BigDecimal.valueOf(300_000));
        assertThat(negative.value()).isEqualTo(n.doubleValue());
        ExactSum tiny = new ExactSum();
        tiny.add(Float.MIN_VALUE);
        tiny.add(-Float.MIN_NORMAL);
        assertThat(tiny.value()).isEqualTo((double) Float.MIN_VALUE - Float.MIN_NORMAL);
    }

    @Test
    void aTextColumnWithMoreLevelsThanAProfileCountsIsAnIdentifier() {
        List<java.util.Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            rows.add(Map.of("key", "k" + i % (ColumnProfile.LEVELS + 1), "city", i % 2 == 0 ? "Paris" : "Lyon",
                    "y", i % 3));
        }
        Table t = new TableReader().rows("rows", List.of("key", "city", "y"), rows);
        int[] all = IntStream.range(0, t.rows()).toArray();
        // 65,537 levels among 200,000 rows were a category under the share rule alone (0.33 < 0.9).
        assertThat(Schema.infer(t, all, "y", TableOptions.defaults()).kinds())
                .containsEntry("key", ColumnKind.IDENTIFIER).containsEntry("city", ColumnKind.CATEGORY);
        TableOptions d = TableOptions.defaults();
        TableOptions forced = new TableOptions(d.missing(), null, java.util.Set.of("key"), java.util.Set.of(),
                java.util.Set.of(), d.impute(), d.maxOneHot(), d.minLevelRows(), null);
        Schema schema = Schema.infer(t, all, "y", forced);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Pipeline.fit(t, all, schema, forced))
                .isInstanceOf(DataException.class).hasMessageContaining("'key'").hasMessageContaining("too many levels");
    }

    @Test
    void levelsBeyondTheLimitAreManyWhereverTheyWereCounted() {
        StringBuilder csv = new StringBuilder("c\n");
        for (int i = 0; i < 10; i++) {
            csv.append("t").append(i % 6).append('\n');
        }
        Table t = PipelineTest.table(csv.toString());
        ColumnProfile first = ColumnProfile.of(t.column("c"), IntStream.range(0, 5).toArray(), 6);
        ColumnProfile second = ColumnProfile.of(t.column("c"), IntStream.range(5, 10).toArray(), 6);
        assertThat(first.many()).isFalse();
        assertThat(second.many()).isFalse();
        first.merge(second);
        assertThat(first.many()).isTrue();
        ColumnProfile under = ColumnProfile.of(t.column("c"), IntStream.range(0, 10).toArray(), 7);
        assertThat(under.many()).isFalse();
        assertThat(under.levels()).isEqualTo(Map.of("t0", 2L, "t1", 2L, "t2", 2L, "t3", 2L, "t4", 1L, "t5", 1L));
        assertThat(under.texts()).isEqualTo(10);
    }
}
