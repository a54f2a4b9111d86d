package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A row encoded cell by cell equals the same row read into a table and encoded by the pipeline — numbers, missing
 * cells and tokens, blanks, unseen levels, numbers as levels ("1" and "1.0"), integers float32 cannot hold — and a
 * cell refused is refused with the same message.
 */
class RowEncoderTest {
    /** Training rows: numbers with gaps, a one-hot category with number levels, an embedded one, one without gaps. */
    private static final Pipeline PIPELINE;

    static {
        StringBuilder csv = new StringBuilder("x,kind,code,plain,y\n");
        String[] kinds = {"a", "b", "c", "1", "2007", "16777217", "10000000000000000000", "a b", "É"};
        for (int i = 0; i < 60; i++) {
            csv.append(i % 7 == 0 ? "" : Double.toString(i * 0.75 - 9)).append(',')
                    .append(i % 11 == 0 ? "NA" : kinds[i % kinds.length]).append(',')
                    .append("L").append(i % 20).append(',')
                    .append(i % 5).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Table t = PipelineTest.table(csv.toString());
        int[] all = IntStream.range(0, t.rows()).toArray();
        TableOptions d = TableOptions.defaults();
        TableOptions options = new TableOptions(d.missing(), null, Set.of("kind", "code"), Set.of(), Set.of(),
                d.impute(), 12, 2, null);
        PIPELINE = Pipeline.fit(t, all, Schema.infer(t, all, "y", options), options);
    }

    private static final String ABSENT = "<absent>";

    @Provide
    Arbitrary<String> numberCells() {
        return Arbitraries.of("1", " 2.5 ", "-0", "0", "1e3", ".5", "NA", "na", "", "  ", "?", "None", null, ABSENT,
                "abc", "inf", "-Infinity", "1e39", "-3.4e38", "1,5", "007", "\t7\t", "+4", "5.", "1e", "NaN");
    }

    @Provide
    Arbitrary<String> levelCells() {
        return Arbitraries.of("a", " a ", "A", "b", "c", "zzz", "1", "1.0", "01", "2007", "2007.0", "2.007e3", "-0",
                "0", "NA", "", null, ABSENT, "inf", "1e39", "16777217", "16777216", "1.6777217e7", "1e19",
                "10000000000000000000", "a b", "a  b", "É", "é", "L3", " L19", "L20", "\tL0");
    }

    @Property(tries = 400)
    void aRowCellByCellIsTheRowReadAsATable(@ForAll("numberCells") String x, @ForAll("levelCells") String kind,
                                             @ForAll("levelCells") String code, @ForAll("numberCells") String plain) {
        Map<String, Object> row = new LinkedHashMap<>();
        List<String> columns = PIPELINE.columns();
        String[] cells = {x, kind, code, plain};
        String[] names = {"x", "kind", "code", "plain"};
        for (int j = 0; j < cells.length; j++) {
            if (!ABSENT.equals(cells[j])) {
                row.put(names[j], cells[j]);
            }
        }
        float[] expected = null;
        String expectedError = null;
        try {
            expected = PIPELINE.encode(PIPELINE.reader().rows("rows", columns, List.of(row))).floats();
        } catch (DataException e) {
            expectedError = e.getMessage();
        }

        RowEncoder encoder = new RowEncoder(PIPELINE, "rows");
        float[] actual = new float[3 * encoder.width()];
        java.util.Arrays.fill(actual, 42f);
        String actualError = null;
        try {
            encoder.startRow();
            for (Map.Entry<String, Object> e : row.entrySet()) {
                char[] name = ("  " + e.getKey()).toCharArray();
                int column = encoder.column(name, 2, name.length - 2);
                assertThat(column).isEqualTo(columns.indexOf(e.getKey()));
                if (e.getValue() == null) {
                    encoder.cell(column, null, 0, 0);
                } else {
                    char[] text = ("#" + e.getValue() + "#").toCharArray();
                    encoder.cell(column, text, 1, text.length - 2);
                }
            }
            encoder.endRow(0, actual, encoder.width());
        } catch (DataException e) {
            actualError = e.getMessage();
        }
        assertThat(actualError).isEqualTo(expectedError);
        if (expected != null) {
            float[] written = java.util.Arrays.copyOfRange(actual, encoder.width(), 2 * encoder.width());
            assertThat(written).as("row %s", row).containsExactly(expected);
            assertThat(actual[0]).isEqualTo(42f);
            assertThat(actual[2 * encoder.width()]).isEqualTo(42f);
        }
    }

    @Property(tries = 50)
    void aCellGivenTwiceKeepsTheLastAndRowsDoNotLeakIntoEachOther(@ForAll("levelCells") String first,
                                                                  @ForAll("levelCells") String last) {
        if (first == null || last == null || first.equals(ABSENT) || last.equals(ABSENT)
                || first.equals("inf") || last.equals("inf") || first.equals("1e39") || last.equals("1e39")) {
            return;
        }
        RowEncoder encoder = new RowEncoder(PIPELINE, "rows");
        char[] name = "kind".toCharArray();
        int kind = encoder.column(name, 0, name.length);
        float[] twice = new float[encoder.width()];
        encoder.startRow();
        encoder.cell(kind, first.toCharArray(), 0, first.length());
        encoder.cell(kind, last.toCharArray(), 0, last.length());
        encoder.endRow(0, twice, 0);
        float[] once = new float[encoder.width()];
        java.util.Arrays.fill(once, 7f);
        encoder.startRow();
        encoder.cell(kind, last.toCharArray(), 0, last.length());
        encoder.endRow(1, once, 0);
        assertThat(twice).containsExactly(once);
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(new LinkedHashMap<>(Map.of("kind", last)));
        assertThat(once).containsExactly(PIPELINE.encode(PIPELINE.reader().rows("rows", PIPELINE.columns(), rows)).floats());
    }

    @Property(tries = 20)
    void anUnknownColumnIsNamed(@ForAll("levelCells") String name) {
        if (name == null || PIPELINE.columns().contains(name)) {
            return;
        }
        RowEncoder encoder = new RowEncoder(PIPELINE, "rows");
        char[] chars = name.toCharArray();
        assertThat(encoder.column(chars, 0, chars.length)).isEqualTo(-1);
        String expected = null;
        try {
            PIPELINE.reader().rows("rows", PIPELINE.columns(), List.of(Map.of(name, "1")));
        } catch (DataException e) {
            expected = e.getMessage();
        }
        assertThat(encoder.unknownColumn(0, chars, 0, chars.length).getMessage()).isEqualTo(expected);
    }
}
