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
        assertThat(Datasets.embedded()).extracting(Datasets.Info::name)
                .containsExactly("iris", "wine", "breast_cancer", "digits", "diabetes");
    }

    private static void check(String name, int rows, int features, Task task, int classes) {
        Dataset d = Datasets.open(name, null).data();
        assertThat(d.rows()).as(name).isEqualTo(rows);
        assertThat(d.featureCount()).as(name).isEqualTo(features);
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
    void anEmbeddedDatasetsTargetCannotBeRenamed() {
        assertThatThrownBy(() -> Datasets.open("iris", "sepal_length"))
                .hasMessageContaining("target is 'species', not 'sepal_length'");
    }
}
