package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CSV files as they come: delimiters, quotes, encodings, gzip, missing cells, targets, errors. */
class TableTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Table read(Path f) {
        return new TableReader().read(TextInput.open(f));
    }

    private static Dataset dataset(Path f, String target) {
        return Datasets.open(f.toString(), target).encoded();
    }

    @Test
    void readsNumericFeaturesAndStringClassesSortedByName() throws IOException {
        Dataset d = dataset(write("t.csv", "a,b,kind\n1,2.5,cat\n3,-4,dog\n5,6e1,cat\n"), null);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.targetName()).isEqualTo("kind");
        assertThat(d.classNames()).containsExactly("cat", "dog");
        assertThat(d.labels()).containsExactly(0, 1, 0);
        assertThat(d.features().floats()).containsExactly(1f, 2.5f, 3f, -4f, 5f, 60f);
        assertThat(d.task()).isEqualTo(Task.BINARY);
    }

    @Test
    void targetColumnIsChosenByNameAndIntegerLabelsAreOrderedNumerically() throws IOException {
        Dataset d = dataset(write("t.csv", "y,a,b\n10,1,2\n9,3,4\n10.0,5,6\n2,7,8\n"), "y");
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.classNames()).containsExactly("2", "9", "10");
        assertThat(d.labels()).containsExactly(2, 1, 2, 0);
    }

    @Test
    void aTargetWithFractionsOrManyIntegersIsARegressionUnlessTheTaskSaysOtherwise() throws IOException {
        StringBuilder sb = new StringBuilder("a,y\n");
        for (int i = 0; i < 30; i++) {
            sb.append(i).append(',').append(i * 7).append('\n');
        }
        assertThat(dataset(write("many.csv", sb.toString()), null).task()).isEqualTo(Task.REGRESSION);
        Path frac = write("frac.csv", "a,y\n1,0.5\n2,1.5\n");
        assertThat(dataset(frac, null).values()).containsExactly(0.5f, 1.5f);
        Path few = write("few.csv", "a,y\n1,151\n2,75\n3,151\n");
        assertThat(dataset(few, null).task()).isEqualTo(Task.BINARY);
        assertThat(Datasets.open(few.toString(), null, Task.REGRESSION).data().values()).containsExactly(151f, 75f, 151f);
        assertThat(Datasets.open(frac.toString(), null, Task.MULTICLASS).data().classNames()).containsExactly("0.5", "1.5");
        Path words = write("w.csv", "a,y\n1,cat\n");
        assertThatThrownBy(() -> Datasets.open(words.toString(), null, Task.REGRESSION))
                .hasMessageContaining("w.csv:2:2 (column 'y'): 'cat' is not a number");
    }

    @Test
    void quotedFieldsFollowRfc4180() throws IOException {
        Dataset d = dataset(write("q.csv", "\"a\",\"label, with comma\"\n\"1.5\",\"x, y\"\n2,z\n"), null);
        assertThat(d.targetName()).isEqualTo("label, with comma");
        assertThat(d.classNames()).containsExactly("x, y", "z");
    }

    @Test
    void theDelimiterIsToldFromTheHeaderOutsideQuotes() throws IOException {
        for (String sep : List.of(";", "\t", "|", ",")) {
            Table t = read(write("d.csv", "a" + sep + "b" + sep + "c\n1" + sep + "2" + sep + "3\n"));
            assertThat(t.names()).as("delimiter %s", sep).containsExactly("a", "b", "c");
        }
        Table quoted = read(write("q.csv", "\"x,y\";b;c\n1;2;3\n"));
        assertThat(quoted.names()).containsExactly("x,y", "b", "c");
        Table semicolon = new TableReader(TableReader.DEFAULT_MISSING, ';').read(TextInput.open(write("s.csv", "a,b;c\n1;2\n")));
        assertThat(semicolon.names()).containsExactly("a,b", "c");
    }

    @Test
    void missingCellsAreEmptyOrATokenAndTextsAreKeptOncePerValue() throws IOException {
        Table t = read(write("m.csv", "a,b,c\n1,,x\nNA,2,N/A\nnan,?,x\nNone,null,y\n"));
        Table.Column a = t.column("a");
        assertThat(a.isMissing(0)).isFalse();
        assertThat(a.isMissing(1)).isTrue();
        assertThat(a.isMissing(2)).isTrue();
        assertThat(t.column("b").isMissing(2)).isTrue();
        Table.Column c = t.column("c");
        assertThat(c.isMissing(1)).isTrue();
        assertThat(c.level(0)).isEqualTo("x");
        assertThat(c.distinctTexts()).isEqualTo(2);
        Table custom = new TableReader(List.of("-", "missing"), null).read(TextInput.open(write("c.csv", "a\n-\nNA\n")));
        assertThat(custom.column("a").isMissing(0)).isTrue();
        assertThat(custom.column("a").isText(1)).as("NA is a text when not listed").isTrue();
    }

    @Test
    void gzippedFilesAreReadByTheirMagicBytesAndAByteOrderMarkIsSkipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("\uFEFFlabel,a\nx,1\ny,2\n".getBytes(StandardCharsets.UTF_8));
        }
        Path f = Files.write(dir.resolve("data.bin"), bytes.toByteArray());
        Table t = read(f);
        assertThat(t.names()).containsExactly("label", "a");
        assertThat(t.rows()).isEqualTo(2);
    }

    @Test
    void otherEncodingsAreRefusedAtTheirFirstByte() throws IOException {
        byte[] latin1 = "name,town\nx,Li\u00e8ge\n".getBytes(StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("latin1.csv"), latin1);
        assertThatThrownBy(() -> read(f)).isInstanceOf(DataException.class)
                .hasMessageEndingWith("latin1.csv: not UTF-8 text at byte 14; save the file as UTF-8 (from Latin-1 or UTF-16: iconv -t UTF-8)");
        Path utf16 = Files.write(dir.resolve("u16.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> read(utf16)).hasMessageContaining("u16.csv: UTF-16 text");
    }

    @Test
    void structuralErrorsNameTheFileAndLine() throws IOException {
        assertThatThrownBy(() -> read(dir.resolve("nope.csv"))).hasMessageEndingWith("nope.csv: no such file");
        assertThatThrownBy(() -> read(write("e.csv", ""))).hasMessageContaining("e.csv: empty file");
        assertThatThrownBy(() -> read(write("h.csv", "a,b\n"))).hasMessageContaining("h.csv: no data rows");
        assertThatThrownBy(() -> read(write("r.csv", "a,b,y\n1,2,x\n3,4\n")))
                .hasMessageEndingWith("r.csv:3: 2 fields, but the header has 3");
        assertThatThrownBy(() -> read(write("dup.csv", "a,b,a\n1,2,3\n")))
                .hasMessageEndingWith("dup.csv:1:3: column name 'a' appears twice in the header");
    }

    @Test
    void infinitiesAndNumbersBeyondFloatRangeAreRefusedNamingTheCell() throws IOException {
        assertThatThrownBy(() -> read(write("inf.csv", "a,y\n1,x\n-Infinity,y\n")))
                .hasMessageEndingWith("inf.csv:3:1 (column 'a'): '-Infinity' is not a finite number");
        assertThatThrownBy(() -> read(write("big.csv", "a,y\n1e39,x\n1,y\n")))
                .hasMessageEndingWith("big.csv:2:1 (column 'a'): '1e39' is beyond float32's range (±3.4e38)");
    }

    @Test
    void integerLabelsBeyondFloat32sPrecisionStayDistinctClasses() throws IOException {
        Dataset d = dataset(write("ids.csv", "x,y\n1,16777216\n2,16777217\n3,10000000000000000000\n"
                + "4,20000000000000000000\n5,16777217\n6,2\n"), "y");
        assertThat(d.classNames()).containsExactly("2", "16777216", "16777217", "10000000000000000000",
                "20000000000000000000");
        assertThat(d.labels()).containsExactly(1, 2, 3, 4, 2, 0);
        Table t = read(write("ids2.csv", "y\n16777217\n16777216\n"));
        assertThat(t.column("y").number(0)).as("the number stays a number").isEqualTo(16777216f);
        assertThat(t.column("y").level(0)).isEqualTo("16777217");
        assertThat(t.subset(new int[] {1, 0}).column("y").level(1)).isEqualTo("16777217");
    }

    @Test
    void aQuoteLeftOpenIsAnErrorAtItsLineButAClosedMultiLineFieldIsNot() throws IOException {
        assertThatThrownBy(() -> read(write("open.csv", "a,b\n1,x\n2,\"y\n3,z\n4,w\n")))
                .isInstanceOf(DataException.class)
                .hasMessageEndingWith("open.csv:3: a quoted field opened on this line is never closed (it runs to the end of the file)");
        Table closed = read(write("closed.csv", "a,b\n1,x\n2,\"y\nz\"\n"));
        assertThat(closed.column("b").level(1)).isEqualTo("y\nz");
        Table stray = read(write("stray.csv", "a,b\n5\",x\n2,\"y\nz\"\n\n"));
        assertThat(stray.rows()).as("a stray quote, then a closed multi-line field").isEqualTo(2);
        Table inside = read(write("inside.csv", "a,b\n\"1\n2\",x\n3,y"));
        assertThat(inside.rows()).as("a multi-line field that is not the record's last").isEqualTo(2);
    }

    @Test
    void messagesShowLongOrMultiLineCellsShortAndOnOneLine() {
        assertThat(TableReader.shorten("a\nb\tc")).isEqualTo("a\\nb\\tc");
        assertThat(TableReader.shorten("x".repeat(100))).hasSize(58).endsWith("…");
    }

    @Test
    void javaNumberSyntaxIsNotANumber() throws IOException {
        Table t = read(write("j.csv", "a\n2d\n1.5f\n0x1.8p1\n3\n"));
        Table.Column a = t.column("a");
        assertThat(a.isText(0)).isTrue();
        assertThat(a.isText(1)).isTrue();
        assertThat(a.isText(2)).isTrue();
        assertThat(a.number(3)).isEqualTo(3f);
    }

    @Test
    void anUnknownTargetColumnListsTheColumnsAndRowsWithoutTargetAreLeftOut() throws IOException {
        Path f = write("t.csv", "a,b,y\n1,2,x\n3,4,\n5,6,z\n");
        assertThatThrownBy(() -> dataset(f, "label")).hasMessageEndingWith("t.csv: no column 'label'; the columns are a, b, y");
        DataSource s = Datasets.open(f.toString(), null);
        assertThat(s.data().rows()).isEqualTo(2);
        assertThat(s.table().target().dropped()).isEqualTo(1);
        Path none = write("none.csv", "a,y\n1,\n2,NA\n");
        assertThatThrownBy(() -> dataset(none, null)).hasMessageContaining("none.csv: target column 'y' is missing in every row");
    }

    @Test
    void featuresAreReorderedByNameForAModel() throws IOException {
        Dataset d = dataset(write("o.csv", "b,a,y\n2,1,x\n4,3,z\n"), null);
        Dataset ordered = d.withFeatureOrder(List.of("a", "b"));
        assertThat(ordered.features().floats()).containsExactly(1f, 2f, 3f, 4f);
    }
}
