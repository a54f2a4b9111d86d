package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetsTest {
    @Test
    void theEmbeddedDatasetsHaveTheShapesTheirReadmeStates() {
        // rows, features, task per dev/nabla/data/embedded/README.md
        check("iris", 150, 4, Task.MULTICLASS, 3);
        check("wine", 178, 13, Task.MULTICLASS, 3);
        check("breast_cancer", 569, 30, Task.BINARY, 2);
        check("digits", 1797, 64, Task.MULTICLASS, 10);
        check("diabetes", 442, 10, Task.REGRESSION, 0);
        check("penguins", 344, 7, Task.MULTICLASS, 3);
        check("credit_data", 4454, 13, Task.BINARY, 2);
        check("ames", 2930, 73, Task.REGRESSION, 0);
        assertThat(Datasets.embedded()).extracting(Datasets.Info::name)
                .containsExactly("iris", "wine", "breast_cancer", "digits", "diabetes", "penguins", "credit_data", "ames");
    }

    /** Rows with a target and the file's columns besides it (constant columns such as digits' border pixels included). */
    private static void check(String name, int rows, int features, Task task, int classes) {
        DataSource s = Datasets.open(name, null);
        Dataset d = s.data();
        assertThat(d.rows()).as(name).isEqualTo(rows);
        assertThat(s.table().cells().columns()).as(name).hasSize(features + 1);
        assertThat(d.task()).as(name).isEqualTo(task);
        assertThat(d.classNames()).as(name).hasSize(classes);
    }

    @Test
    void irisSpeciesAreNamed() {
        assertThat(Datasets.embedded("iris").classNames()).containsExactly("setosa", "versicolor", "virginica");
    }

    @Test
    void anUnknownNameListsTheEmbeddedOnes() {
        assertThatThrownBy(() -> Datasets.open("irises", null)).isInstanceOf(DataException.class)
                .hasMessageContaining("irises: no such file").hasMessageContaining("iris, wine, breast_cancer, digits, diabetes");
    }

    @Test
    void anEmbeddedTableCanPredictAnotherColumn() {
        assertThat(Datasets.open("penguins", "sex").data().classNames()).containsExactly("female", "male");
        assertThatThrownBy(() -> Datasets.open("iris", "petal_size")).hasMessageContaining("iris: no column 'petal_size'");
    }

    /** A directory of MNIST-style train and t10k files: images of {@code dims}, labels of {@code labelType}. */
    private static java.nio.file.Path idxDirectory(java.nio.file.Path dir, String name, int[] dims, int labelType,
                                                   double[] pixels, double[] labels) throws java.io.IOException {
        java.nio.file.Path d = java.nio.file.Files.createDirectories(dir.resolve(name));
        for (String prefix : new String[] {"train", "t10k"}) {
            java.nio.file.Files.write(d.resolve(prefix + "-images-idx3-ubyte"), IdxTest.typed(0x08, dims, pixels));
            java.nio.file.Files.write(d.resolve(prefix + "-labels-idx1-ubyte"),
                    IdxTest.typed(labelType, new int[] {labels.length}, labels));
        }
        return d;
    }

    @Test
    void idxDirectoriesThatLieAboutTheirSizeOrLabelsNameTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path huge = idxDirectory(dir, "huge", new int[] {Integer.MAX_VALUE - 9, 1, 1}, 0x08, new double[0],
                new double[] {0, 1});
        assertThatThrownBy(() -> Datasets.open(huge.toString(), null)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(huge.resolve("train-images-idx3-ubyte").toString())
                .hasMessageContaining("the header declares dimensions [2147483638, 1, 1]");
        java.nio.file.Path label = idxDirectory(dir, "label", new int[] {3, 1, 1}, 0x0C, new double[] {1, 2, 3},
                new double[] {0, 2_000_000_000, 1});
        assertThatThrownBy(() -> Datasets.open(label.toString(), null))
                .hasMessage(label.resolve("train-labels-idx1-ubyte") + ": label 2 is 2000000000; labels must be whole "
                        + "numbers from 0 to 65535");
        java.nio.file.Path single = idxDirectory(dir, "single", new int[] {3, 1, 1}, 0x08, new double[] {1, 2, 3},
                new double[] {7, 7, 7});
        assertThatThrownBy(() -> Datasets.open(single.toString(), null)).hasMessageContaining("every label is 7");
        java.nio.file.Path fashion = idxDirectory(dir, "my-fashion", new int[] {2, 1, 1}, 0x08, new double[] {1, 2},
                new double[] {0, 10});
        assertThatThrownBy(() -> Datasets.open(fashion.toString(), null))
                .hasMessageContaining("label 2 is 10; labels must be whole numbers from 0 to 9 (10 classes)");
    }
}
