package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * A row encoded cell by cell equals the same row written to a CSV file, read and encoded by the pipeline — numbers,
 * missing cells and tokens, blanks, unseen levels, numbers as levels ("1" and "1.0"), integers float32 cannot hold —
 * and a cell refused is refused with the same message (the file's line is the row's number).
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
            expected = asFile(row);
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

    /**
     * The row as the data line of a CSV file named "rows", read and encoded (its line 2 named line 1 in messages, as
     * the row encoder names row 1); a missing cell is an empty field.
     */
    private static float[] asFile(Map<String, Object> row) {
        List<String> columns = PIPELINE.columns();
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (int j = 0; j < columns.size(); j++) {
            Object cell = row.get(columns.get(j));
            csv.append(j == 0 ? "" : ",").append(cell == null ? "" : "\"" + cell.toString().replace("\"", "\"\"") + "\"");
        }
        Table t;
        try {
            t = new TableReader().read(TextInput.of("rows", new java.io.ByteArrayInputStream(
                    csv.append('\n').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (DataException e) {
            throw new DataException(e.getMessage().replaceFirst("^rows:2:", "rows:1:"));
        }
        Table shifted = new Table("rows", t.columns(), new long[] {1}, null);
        return PIPELINE.encode(shifted).floats();
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
        assertThat(once).containsExactly(asFile(new LinkedHashMap<>(Map.of("kind", last))));
    }

    @Property(tries = 20)
    void anUnknownColumnIsNamed(@ForAll("levelCells") String name) {
        if (name == null || PIPELINE.columns().contains(name)) {
            return;
        }
        RowEncoder encoder = new RowEncoder(PIPELINE, "rows");
        char[] chars = name.toCharArray();
        assertThat(encoder.column(chars, 0, chars.length)).isEqualTo(-1);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("x", "1");
        row.put(name, "1");
        assertThatThrownBy(() -> encoder.encode(List.of(Map.of(), row))).isInstanceOf(DataException.class)
                .hasMessage("rows: row 2: unknown column '" + TableReader.shorten(name) + "'; the columns are "
                        + Table.abbreviate(PIPELINE.columns()));
    }

    @Property(tries = 100)
    void rowsOfMapsAreRowsCellByCell(@ForAll("levelCells") String kind, @ForAll("numberCells") String x) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (!ABSENT.equals(kind)) {
            row.put("kind", kind);
        }
        if (!ABSENT.equals(x)) {
            row.put("x", x);
        }
        float[] expected;
        try {
            expected = asFile(row);
        } catch (DataException e) {
            assertThatThrownBy(() -> new RowEncoder(PIPELINE, "rows").encode(List.of(row))).hasMessage(e.getMessage());
            return;
        }
        RowEncoder encoder = new RowEncoder(PIPELINE, "rows");
        float[] both = encoder.encode(List.of(row, row));
        assertThat(java.util.Arrays.copyOfRange(both, 0, encoder.width())).containsExactly(expected);
        assertThat(java.util.Arrays.copyOfRange(both, encoder.width(), both.length)).containsExactly(expected);
    }
}
