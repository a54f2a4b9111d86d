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
}
