package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void readsNumericFeaturesAndStringClassesSortedByName() throws IOException {
        Path f = write("t.csv", "a,b,kind\n1,2.5,cat\n3,-4,dog\n5,6e1,cat\n");
        Dataset d = Csv.read(f, null);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.targetName()).isEqualTo("kind");
        assertThat(d.classNames()).containsExactly("cat", "dog");
        assertThat(d.labels()).containsExactly(0, 1, 0);
        assertThat(d.features().floats()).containsExactly(1f, 2.5f, 3f, -4f, 5f, 60f);
        assertThat(d.task()).isEqualTo(Task.BINARY);
    }

    @Test
    void targetColumnIsChosenByName() throws IOException {
        Path f = write("t.csv", "y,a,b\n0,1,2\n1,3,4\n2,5,6\n");
        Dataset d = Csv.read(f, "y");
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.classNames()).containsExactly("0", "1", "2");
        assertThat(d.task()).isEqualTo(Task.MULTICLASS);
        assertThat(d.features().floats()).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
    }

    @Test
    void integerLabelsAreOrderedNumericallyAndSpellingsOfOneNumberAreOneClass() throws IOException {
        Path f = write("t.csv", "a,y\n1,10\n2,9\n3,10.0\n4,2\n");
        Dataset d = Csv.read(f, null);
        assertThat(d.classNames()).containsExactly("2", "9", "10");
        assertThat(d.labels()).containsExactly(2, 1, 2, 0);
    }

    @Test
    void aTargetWithFractionsOrManyIntegersIsARegression() throws IOException {
        StringBuilder sb = new StringBuilder("a,y\n");
        for (int i = 0; i < 30; i++) {
            sb.append(i).append(',').append(i * 7).append('\n');
        }
        assertThat(Csv.read(write("many.csv", sb.toString()), null).task()).isEqualTo(Task.REGRESSION);
        Dataset d = Csv.read(write("frac.csv", "a,y\n1,0.5\n2,1.5\n"), null);
        assertThat(d.task()).isEqualTo(Task.REGRESSION);
        assertThat(d.values()).containsExactly(0.5f, 1.5f);
    }

    @Test
    void quotedFieldsFollowRfc4180() throws IOException {
        Dataset d = Csv.read(write("q.csv", "\"a\",\"label, with comma\"\n\"1.5\",\"x, y\"\n2,z\n"), null);
        assertThat(d.targetName()).isEqualTo("label, with comma");
        assertThat(d.classNames()).containsExactly("x, y", "z");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> Csv.read(dir.resolve("nope.csv"), null))
                .isInstanceOf(DataException.class).hasMessageEndingWith("nope.csv: no such file");
    }

    @Test
    void anEmptyFileAndAHeaderWithoutRowsAreRefused() throws IOException {
        assertThatThrownBy(() -> Csv.read(write("e.csv", ""), null)).hasMessageContaining("e.csv: empty file");
        assertThatThrownBy(() -> Csv.read(write("h.csv", "a,b\n"), null)).hasMessageContaining("h.csv: no data rows");
    }

    @Test
    void aRaggedRowNamesItsLine() throws IOException {
        Path f = write("r.csv", "a,b,y\n1,2,x\n3,4\n");
        assertThatThrownBy(() -> Csv.read(f, null)).isInstanceOf(DataException.class)
                .hasMessageEndingWith("r.csv:3: 2 fields, but the header has 3");
    }

    @Test
    void aNonNumericCellNamesLineColumnAndValue() throws IOException {
        Path f = write("n.csv", "a,b,y\n1,2,x\n3,abc,y\n");
        assertThatThrownBy(() -> Csv.read(f, null))
                .hasMessageEndingWith("n.csv:3:2 (column 'b'): 'abc' is not a number");
    }

    @Test
    void nanAndInfiniteValuesAreRefused() throws IOException {
        assertThatThrownBy(() -> Csv.read(write("nan.csv", "a,y\nNaN,x\n1,y\n"), null))
                .hasMessageEndingWith("nan.csv:2:1 (column 'a'): 'NaN' is not a finite number");
        assertThatThrownBy(() -> Csv.read(write("inf.csv", "a,y\n1,x\n-Infinity,y\n"), null))
                .hasMessageEndingWith("inf.csv:3:1 (column 'a'): '-Infinity' is not a finite number");
        assertThatThrownBy(() -> Csv.read(write("big.csv", "a,y\n1e39,x\n1,y\n"), null))
                .hasMessageContaining("'1e39' is not a finite number");
    }

    @Test
    void anEmptyCellIsAMissingValue() throws IOException {
        assertThatThrownBy(() -> Csv.read(write("m.csv", "a,b,y\n1,,x\n"), null))
                .hasMessageEndingWith("m.csv:2:2 (column 'b'): missing value");
    }

    @Test
    void anUnknownTargetColumnListsTheColumns() throws IOException {
        Path f = write("t.csv", "a,b,y\n1,2,x\n");
        assertThatThrownBy(() -> Csv.read(f, "label")).hasMessageEndingWith("t.csv: no column 'label'; the columns are a, b, y");
    }

    @Test
    void featuresForAModelDropTheTargetAndMatchColumnsByName() throws IOException {
        Path f = write("p.csv", "b,y,a\n2,x,1\n4,y,3\n");
        Tensor x = Csv.readFeatures(f, List.of("a", "b"), "y");
        assertThat(x.floats()).containsExactly(1f, 2f, 3f, 4f);
        Path unnamed = write("u.csv", "p,q\n1,2\n");
        assertThat(Csv.readFeatures(unnamed, List.of("a", "b"), "y").floats()).containsExactly(1f, 2f);
    }

    @Test
    void aFeatureCountMismatchWithTheModelIsNamed() throws IOException {
        Path f = write("p.csv", "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> Csv.readFeatures(f, List.of("a", "b", "c", "d"), "y"))
                .hasMessageEndingWith("p.csv: 3 feature columns, but the model expects 4 (a, b, c, d)");
    }

    @Test
    void aByteOrderMarkDoesNotStickToTheFirstColumnName() throws IOException {
        Path f = write("bom.csv", "\uFEFFlabel,a\nx,1\ny,2\n");
        assertThat(Csv.read(f, "label").featureNames()).containsExactly("a");
    }

    @Test
    void theTaskCanDecideHowATargetReads() throws IOException {
        Path f = write("few.csv", "a,y\n1,151\n2,75\n3,151\n");
        assertThat(Csv.read(f, null).task()).as("inferred").isEqualTo(Task.BINARY);
        Dataset numbers = Csv.read(f, null, Task.REGRESSION);
        assertThat(numbers.values()).containsExactly(151f, 75f, 151f);
        Path frac = write("frac.csv", "a,y\n1,0.5\n2,1.5\n");
        assertThat(Csv.read(frac, null, Task.BINARY).classNames()).containsExactly("0.5", "1.5");
        Path words = write("w.csv", "a,y\n1,cat\n");
        assertThatThrownBy(() -> Csv.read(words, null, Task.REGRESSION)).hasMessageContaining("'cat' is not a number");
    }

    @Test
    void aOneFeatureModelPredictsFromAOneColumnFile() throws IOException {
        Path f = write("x.csv", "x\n1\n2\n");
        assertThat(Csv.readFeatures(f, List.of("x"), "y").floats()).containsExactly(1f, 2f);
        assertThatThrownBy(() -> Csv.read(f, null)).hasMessageContaining("one column only");
    }

    @Test
    void featuresAreReorderedByNameForAModel() throws IOException {
        Dataset d = Csv.read(write("o.csv", "b,a,y\n2,1,x\n4,3,z\n"), null);
        Dataset ordered = d.withFeatureOrder(List.of("a", "b"));
        assertThat(ordered.featureNames()).containsExactly("a", "b");
        assertThat(ordered.features().floats()).containsExactly(1f, 2f, 3f, 4f);
        assertThatThrownBy(() -> d.withFeatureOrder(List.of("a", "b", "c"))).isInstanceOf(DataException.class)
                .hasMessageContaining("o.csv: 2 features, but the model expects 3");
    }
}
