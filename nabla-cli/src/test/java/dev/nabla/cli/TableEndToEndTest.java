package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.data.Datasets;
import dev.nabla.io.ModelFile;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw table in, predictions out: the model file alone carries the pipeline. */
class TableEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aMessyTableTrainsPredictsFromRawRowsAndDescribesItself() throws Exception {
        Path data = TestData.messy(dir, "customers.csv", 300);
        Path model = dir.resolve("m.safetensors");
        Cli train = Cli.run("train", "--data", data.toString(), "--target", "churned", "--layers", "16:relu",
                "--epochs", "5", "--threshold", "auto", "--out", model.toString());
        assertThat(train.code()).as(train.toString()).isZero();
        assertThat(train.err()).contains("left out: id (identifier)").contains("2 categorical (plan, member)").contains("missing cells in the training rows: spend ");
        assertThat(train.out()).contains("roc_auc").contains("balanced_accuracy");

        Path raw = TestData.write(dir, "new.csv", "member,spend,plan,extra\nyes,,pro,1\nno,12.5,never-seen,2\nno,NA,basic,3\n");
        Cli predict = Cli.run("predict", "--model", model.toString(), "--data", raw.toString());
        assertThat(predict.code()).as(predict.toString()).isZero();
        assertThat(predict.out().lines().toList()).hasSize(4).first().isEqualTo("predicted,prob_no,prob_yes");

        TrainedModel m = ModelFile.load(model);
        Prediction library = m.predict(Datasets.features(raw.toString(), m.pipeline()));
        assertThat(predict.out()).isEqualTo(PredictCommand.csv(m, library));
        assertThat(m.threshold()).isBetween(0.0, 1.0);
        assertThat(m.provenance()).containsKeys("nabla", "--data", "--seed", "threads", "data.sha256", "data.rows")
                .containsEntry("data.rows", "300").doesNotContainKey("time");

        Cli summary = Cli.run("summary", "--model", model.toString());
        assertThat(summary.out()).contains("pipeline").contains("spend: number, missing →").contains("(+ indicator)")
                .contains("plan: category, 3 levels").contains("+ other").contains("provenance").contains("data.sha256");

        Cli describe = Cli.run("describe", data.toString(), "--target", "churned");
        assertThat(describe.code()).isZero();
        assertThat(describe.out()).contains("id").contains("identifier").contains("spend").contains("number")
                .contains("churned").contains("target");
    }

    @Test
    void theSameCommandOnTheSameDataWritesTheSameBytes() throws Exception {
        Path data = TestData.messy(dir, "c.csv", 120);
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        for (Path out : new Path[] {a, b}) {
            Cli r = Cli.run("train", "--data", data.toString(), "--target", "churned", "--layers", "8:tanh", "--epochs",
                    "3", "--threads", "2", "--out", dir.resolve("m.safetensors").toString());
            assertThat(r.code()).as(r.toString()).isZero();
            Files.move(dir.resolve("m.safetensors"), out);
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void categoriesWithManyLevelsAreEmbeddedAndTrainEndToEnd() throws Exception {
        Path data = TestData.messy(dir, "e.csv", 200);
        Path model = dir.resolve("e.safetensors");
        Cli r = Cli.run("train", "--data", data.toString(), "--target", "churned", "--max-onehot", "2", "--layers",
                "8:relu", "--epochs", "3", "--out", model.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        TrainedModel m = ModelFile.load(model);
        assertThat(m.spec().layers().get(0).type()).isEqualTo("embedding");
        assertThat(m.network().stateDict()).containsKey("0.0.weight");
        Cli predict = Cli.run("predict", "--model", model.toString(), "--data", data.toString());
        assertThat(predict.code()).as(predict.toString()).isZero();
    }
}
