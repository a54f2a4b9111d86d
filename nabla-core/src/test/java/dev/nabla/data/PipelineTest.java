package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Column kinds, missing cells, rare and unseen levels, one-hot and embedded codes — all fitted on training rows. */
class PipelineTest {

    static Table table(String csv) {
        return new TableReader().read(TextInput.of("t.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));
    }

    private static int[] all(Table t) {
        return IntStream.range(0, t.rows()).toArray();
    }

    private static TableOptions options(int maxOneHot, int minLevelRows) {
        TableOptions d = TableOptions.defaults();
        return new TableOptions(d.missing(), null, Set.of(), Set.of(), Set.of(), d.impute(), maxOneHot, minLevelRows, null);
    }

    @Test
    void kindsAreInferredFromTheValues() {
        StringBuilder csv = new StringBuilder("id,flag,n,year,city,same,y\n");
        for (int i = 0; i < 30; i++) {
            csv.append("user").append(i).append(',').append(i % 2 == 0 ? "yes" : "no").append(',').append(i * 0.5)
                    .append(',').append(2000 + i % 3).append(',').append(i % 3 == 0 ? "Paris" : "Lyon").append(",7,")
                    .append(i % 2).append('\n');
        }
        Table t = table(csv.toString());
        Schema s = Schema.infer(t, all(t), "y", TableOptions.defaults());
        assertThat(s.kinds()).containsExactly(
                java.util.Map.entry("id", ColumnKind.IDENTIFIER), java.util.Map.entry("flag", ColumnKind.CATEGORY),
                java.util.Map.entry("n", ColumnKind.NUMBER), java.util.Map.entry("year", ColumnKind.NUMBER),
                java.util.Map.entry("city", ColumnKind.CATEGORY), java.util.Map.entry("same", ColumnKind.CONSTANT));
        assertThat(s.inputs()).containsExactly("flag", "n", "year", "city");
        TableOptions forced = new TableOptions(TableReader.DEFAULT_MISSING, null, Set.of("year"), Set.of(), Set.of("n"),
                TableOptions.Impute.MEDIAN, 32, 3, null);
        Schema o = Schema.infer(t, all(t), "y", forced);
        assertThat(o.kinds().get("year")).isEqualTo(ColumnKind.CATEGORY);
        assertThat(o.kinds().get("n")).isEqualTo(ColumnKind.IGNORED);
        assertThat(String.join("\n", o.describe())).contains("left out: id (identifier), n (ignored), same (constant)");
    }

    @Test
    void missingNumbersAreFilledWithTheTrainingMedianAndFlagged() {
        Table t = table("a,b,y\n1,,x\n2,5,y\n10,NA,x\n4,7,y\n");
        NumberEncoder median = NumberEncoder.fit(t.column("b"), all(t), TableOptions.Impute.MEDIAN);
        assertThat(median.fill()).isEqualTo(6f);
        assertThat(median.indicator()).isTrue();
        assertThat(median.names()).containsExactly("b", "b_missing");
        assertThat(NumberEncoder.fit(t.column("a"), all(t), TableOptions.Impute.MEDIAN).fill()).isEqualTo(3f);
        assertThat(NumberEncoder.fit(t.column("a"), all(t), TableOptions.Impute.MEAN).fill()).isEqualTo(4.25f);
        assertThat(NumberEncoder.fit(t.column("a"), all(t), TableOptions.Impute.ZERO).fill()).isZero();
        assertThat(NumberEncoder.fit(t.column("a"), all(t), TableOptions.Impute.MEDIAN).indicator()).isFalse();
        assertThat(row(median, t.column("b"), 0)).containsExactly(6f, 1f);
        assertThat(row(median, t.column("b"), 3)).containsExactly(7f, 0f);
    }

    @Test
    void rareLevelsFoldIntoOtherAndUnseenLevelsMapThereAtPrediction() {
        Table train = table("c,y\na,1\na,0\na,1\nb,0\nb,1\nb,0\nrare,1\n,0\n");
        CategoryEncoder e = CategoryEncoder.fit(train.column("c"), all(train), 3, 32);
        assertThat(e.levels()).containsExactly("a", "b");
        assertThat(e.other()).isTrue();
        assertThat(e.missing()).isTrue();
        assertThat(e.names()).containsExactly("c=a", "c=b", "c=<other>", "c=<missing>");
        Table later = table("c\nb\nnever-seen\nNA\n");
        assertThat(row(e, later.column("c"), 0)).containsExactly(0, 1, 0, 0);
        assertThat(row(e, later.column("c"), 1)).containsExactly(0, 0, 1, 0);
        assertThat(row(e, later.column("c"), 2)).containsExactly(0, 0, 0, 1);
        CategoryEncoder noOther = CategoryEncoder.fit(table("c\na\na\nb\nb\n").column("c"), new int[] {0, 1, 2, 3}, 1, 32);
        assertThat(row(noOther, later.column("c"), 1)).as("an unseen level without an other column is no level").containsExactly(0, 0);
    }

    @Test
    void manyLevelsBecomeOneCodeColumnForAnEmbedding() {
        StringBuilder csv = new StringBuilder("zip,y\n");
        for (int i = 0; i < 200; i++) {
            csv.append("Z").append(i % 40).append(',').append(i % 2).append('\n');
        }
        Table t = table(csv.toString());
        CategoryEncoder e = CategoryEncoder.fit(t.column("zip"), all(t), 3, 32);
        assertThat(e.embedded()).isTrue();
        assertThat(e.codes()).isEqualTo(42);
        assertThat(e.names()).containsExactly("zip");
        assertThat(e.scaled(0)).isFalse();
        Table later = table("zip\nZ7\nZ999\nNA\n");
        assertThat(e.levels().get((int) row(e, later.column("zip"), 0)[0])).isEqualTo("Z7");
        assertThat(row(e, later.column("zip"), 1)[0]).as("other").isEqualTo(40);
        assertThat(row(e, later.column("zip"), 2)[0]).as("missing").isEqualTo(41);
    }

    @Test
    void encodingFindsColumnsByNameIgnoresOthersAndNamesWhatIsMissing() {
        Table train = table("n,c,y\n1,a,0\n3,b,1\n,a,0\n5,b,1\n");
        int[] rows = all(train);
        Pipeline p = Pipeline.fit(train, rows, Schema.infer(train, rows, "y", options(32, 1)), options(32, 1));
        assertThat(p.names()).containsExactly("n", "n_missing", "c=a", "c=b");
        assertThat(p.scaled()).containsExactly(true, false, false, false);
        Table raw = table("id,c,n\n17,b,2\n18,zz,\n");
        assertThat(p.encode(raw).floats()).containsExactly(2, 0, 0, 1, 3, 1, 0, 0);
        assertThatThrownBy(() -> p.encode(table("c\na\n"))).isInstanceOf(DataException.class)
                .hasMessageContaining("no column 'n', which the model needs");
        assertThatThrownBy(() -> p.encode(table("n,c\nlots,a\n"))).isInstanceOf(DataException.class)
                .hasMessageContaining("t.csv:2:1 (column 'n'): 'lots' is not a number");
        assertThat(List.of(p.describe().get(0), p.describe().get(1))).containsExactly(
                "n: number, missing → 3.0 (+ indicator)", "c: category, 2 levels (a, b), one-hot");
    }

    @Test
    void theMatrixEncodedBlockByBlockIsEveryRowEncodedAlone() {
        // 30,000 rows of 30-odd encoded columns: several blocks of rows, written on every core.
        StringBuilder csv = new StringBuilder("n,m,c,zip,y\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 30_000; i++) {
            csv.append(r.nextInt(20) == 0 ? "" : Integer.toString(r.nextInt(100))).append(',')
                    .append(r.nextGaussian()).append(',')
                    .append(r.nextInt(15) == 0 ? "NA" : "c" + r.nextInt(25)).append(',')
                    .append("z").append(r.nextInt(300)).append(',').append(i % 2).append('\n');
        }
        Table t = table(csv.toString());
        TableOptions options = options(32, 1);
        Pipeline p = Pipeline.fit(t, all(t), Schema.infer(t, all(t), "y", options), options);
        float[] matrix = p.encode(t).floats();
        int width = p.width();
        assertThat(width).isGreaterThan(20);
        // The oracle: the row encoder, which reads each raw cell on its own (prediction's path, not the blocks').
        List<Map<String, String>> raw = new ArrayList<>();
        for (String line : csv.toString().lines().skip(1).toList()) {
            String[] cells = line.split(",", -1);
            raw.add(Map.of("n", cells[0], "m", cells[1], "c", cells[2], "zip", cells[3]));
        }
        float[] rows = new RowEncoder(p, "rows").encode(raw);
        for (int i = 0; i < t.rows(); i++) {
            assertThat(java.util.Arrays.copyOfRange(matrix, i * width, (i + 1) * width)).as("row %d", i)
                    .containsExactly(java.util.Arrays.copyOfRange(rows, i * width, (i + 1) * width));
        }
    }

    @Test
    void rowsGivenAsMapsReadLikeAFilesCells() {
        Table t = new TableReader().rows("form", List.of("n", "c"), List.of(
                java.util.Map.of("n", 2.5, "c", "a"), java.util.Map.of("c", "NA"), java.util.Map.of("n", "7")));
        assertThat(t.column("n").number(0)).isEqualTo(2.5f);
        assertThat(t.column("n").isMissing(1)).isTrue();
        assertThat(t.column("c").isMissing(1)).as("a missing-value token").isTrue();
        assertThat(t.column("n").number(2)).isEqualTo(7f);
        assertThatThrownBy(() -> new TableReader().rows("form", List.of("n"), List.of(java.util.Map.of("m", 1))))
                .isInstanceOf(DataException.class).hasMessageContaining("row 1: unknown column 'm'");
    }

    /** Row {@code i} of {@code c} as {@code e} encodes it alone (its offset −i·w puts row i at index 0). */
    private static float[] row(Encoder e, Table.Column c, int i) {
        float[] out = new float[e.width()];
        e.rows(c).write(out, e.width(), -i * e.width(), i, i + 1);
        return out;
    }
}
