package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.data.DataSource;
import dev.nabla.data.Datasets;
import dev.nabla.io.ModelFile;
import dev.nabla.train.Prediction;
import dev.nabla.train.TrainedModel;
import dev.nabla.train.Training;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The command line as a user runs it: train → eval → predict on files in a temporary directory. */
class EndToEndTest {
    @TempDir
    Path dir;

    @Test
    void trainEvalPredictOnACsvFile() throws Exception {
        Path data = TestData.blobs(dir, "blobs.csv", 60);
        Path model = dir.resolve("blobs.safetensors");
        Cli train = Cli.run("train", "--data", data.toString(), "--layers", "16:tanh", "--epochs", "15",
                "--out", model.toString(), "--log", dir.resolve("log.csv").toString());
        assertThat(train.code()).as(train.toString()).isZero();
        assertThat(train.out()).contains("test accuracy: ");
        assertThat(train.err()).contains("epoch 15/15").contains("samples/s");
        assertThat(Files.readAllLines(dir.resolve("log.csv"))).hasSize(16)
                .first().isEqualTo("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds");

        Cli eval = Cli.run("eval", "--model", model.toString(), "--data", data.toString());
        assertThat(eval.code()).as(eval.toString()).isZero();
        assertThat(eval.out()).containsPattern("accuracy\\s+1\\.0000|accuracy\\s+0\\.9\\d{3}")
                .contains("actual \\ predicted").contains("red").contains("macro avg");

        Path predictions = dir.resolve("predictions.csv");
        Cli predict = Cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--out", predictions.toString());
        assertThat(predict.code()).as(predict.toString()).isZero();
        assertThat(predict.out()).isEmpty();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines).hasSize(181);
        assertThat(lines.get(0)).isEqualTo("predicted,prob_blue,prob_green,prob_red");
        // The blobs are written red, green, blue, red, ...: the model must get the first rows right.
        assertThat(lines.get(1)).startsWith("red,");
        assertThat(lines.get(2)).startsWith("green,");
        assertThat(lines.get(3)).startsWith("blue,");

        Cli toStdout = Cli.run("predict", "--model", model.toString(), "--data", data.toString());
        assertThat(toStdout.out()).isEqualTo(Files.readString(predictions));
    }

    @Test
    void predictionsAreIdenticalBeforeAndAfterSaveAndLoad() throws Exception {
        Path data = TestData.blobs(dir, "blobs.csv", 40);
        TrainedModel trained = Training.builder().layers("8:relu").epochs(5).build()
                .run(Datasets.open(data.toString(), null)).model();
        Path file = dir.resolve("m.safetensors");
        Models.save(file, trained);
        TrainedModel loaded = ModelFile.load(file);

        var features = Datasets.features(data.toString(), trained.pipeline());
        Prediction before = trained.predict(features);
        Prediction after = loaded.predict(features);
        assertThat(after.classes()).containsExactly(before.classes());
        assertThat(after.probabilities().floats()).containsExactly(before.probabilities().floats());

        Cli predict = Cli.run("predict", "--model", file.toString(), "--data", data.toString());
        assertThat(predict.out()).isEqualTo(PredictCommand.csv(trained, before));
    }

    @Test
    void regressionPredictsValues() throws Exception {
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 120; i++) {
            double a = (i % 12) / 12.0;
            double b = (i / 12) / 10.0;
            sb.append(a).append(',').append(b).append(',').append(2 * a - b + 0.5).append('\n');
        }
        Path data = TestData.write(dir, "linear.csv", sb.toString());
        Path model = dir.resolve("linear.safetensors");
        Cli train = Cli.run("train", "--data", data.toString(), "--layers", "", "--epochs", "40", "--lr", "0.01",
                "--out", model.toString());
        assertThat(train.code()).as(train.toString()).isZero();
        assertThat(train.out()).contains("r2 ");
        Cli predict = Cli.run("predict", "--model", model.toString(), "--data", data.toString());
        List<String> lines = predict.out().lines().toList();
        assertThat(lines).hasSize(121).first().isEqualTo("predicted");
        assertThat(Double.parseDouble(lines.get(1))).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void theReportHoldsDecodableImagesAndAPageThatShowsThem() throws Exception {
        Path report = dir.resolve("report");
        Cli train = Cli.run("train", "--data", "iris", "--layers", "8:tanh", "--epochs", "10", "--report", report.toString());
        assertThat(train.code()).as(train.toString()).isZero();
        for (String png : List.of(Report.LOSS, Report.ACCURACY, Report.LEARNING_RATE, Report.CONFUSION)) {
            BufferedImage image = ImageIO.read(report.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(200);
        }
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.resolve(Report.PAGE).toFile());
        assertThat(page.getElementsByTagName("img").getLength()).isEqualTo(4);
        assertThat(page.getDocumentElement().getTextContent()).contains("iris").contains("8:tanh").contains("accuracy");
    }

    @Test
    void summaryAndDatasetsAndGradcheckOnAModel() throws Exception {
        Path model = dir.resolve("iris.safetensors");
        assertThat(Cli.run("train", "--data", "iris", "--layers", "5:tanh", "--epochs", "2", "--out", model.toString()).code()).isZero();
        Cli summary = Cli.run("summary", "--model", model.toString());
        assertThat(summary.code()).isZero();
        // 4·5 + 5 + 5·3 + 3 = 43 parameters
        assertThat(summary.out()).contains("Linear(4 → 5)").contains("total parameters: 43").contains("setosa");

        Cli datasets = Cli.run("datasets");
        assertThat(datasets.out()).contains("digits").contains("1797").contains("iris").contains("fashion-mnist");

        Cli gradcheck = Cli.run("gradcheck", "--model", model.toString(), "--data", "iris");
        assertThat(gradcheck.code()).as(gradcheck.toString()).isZero();
        assertThat(gradcheck.out()).contains("0.weight").contains("worst relative error");
    }

    @Test
    void everySeedSpecTrainsFromTheCommandLine() {
        for (String spec : ExampleSpecsTest.SEEDS) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--epochs", "2", "--model-spec",
                    ExampleSpecsTest.SPECS.resolve(spec).toString()));
            args.addAll(switch (spec) {
                case "umons.json" -> List.of("--data", "breast_cancer", "--loss", "binary_cross_entropy");
                case "chau.json", "nn-math.json" -> List.of("--data", "iris", "--loss", "mse");
                default -> List.of("--data", "iris");
            });
            Cli r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(spec + "\n" + r).isZero();
            assertThat(r.out()).as(spec).contains("test accuracy: ");
        }
    }

    @Test
    void initContinuesTrainingAndFineTunesOnNewClasses() throws Exception {
        Path data = TestData.blobs(dir, "blobs.csv", 30);
        Path first = dir.resolve("first.safetensors");
        assertThat(Cli.run("train", "--data", data.toString(), "--layers", "8:tanh", "--epochs", "3", "--out", first.toString())
                .code()).isZero();
        Path second = dir.resolve("second.safetensors");
        Cli more = Cli.run("train", "--data", data.toString(), "--init", first.toString(), "--epochs", "3",
                "--out", second.toString());
        assertThat(more.code()).as(more.toString()).isZero();
        assertThat(ModelFile.load(second).classNames()).containsExactly("blue", "green", "red");

        // Same two features, other classes: the hidden layer is kept, the output layer is new.
        StringBuilder sb = new StringBuilder("x,y,animal\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i % 2 == 0 ? "-2," : "2,").append(i / 10.0).append(i % 2 == 0 ? ",cat\n" : ",dog\n");
        }
        Path animals = TestData.write(dir, "animals.csv", sb.toString());
        Path tuned = dir.resolve("tuned.safetensors");
        // A vanishing learning rate, so the kept layer must still hold the first model's weights.
        Cli fineTune = Cli.run("train", "--data", animals.toString(), "--init", first.toString(), "--epochs", "1",
                "--lr", "1e-12", "--out", tuned.toString());
        assertThat(fineTune.code()).as(fineTune.toString()).isZero();
        TrainedModel model = ModelFile.load(tuned);
        assertThat(model.classNames()).containsExactly("cat", "dog");
        assertThat(model.network().namedParameters().get("0.weight").data().floats())
                .as("fine-tuning starts from the first model's hidden layer")
                .containsExactly(ModelFile.load(first).network().namedParameters().get("0.weight").data().floats(),
                        org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void bareNablaPrintsTheCommandsAndExitsWithTheUsageCode() {
        Cli r = Cli.run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("train").contains("predict").contains("gradcheck");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void testZeroTrainsOnEveryRowButTheValidationShare() {
        Cli r = Cli.run("train", "--data", "iris", "--epochs", "1", "--test", "0", "--validation", "0");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("(no test rows held out, 150 rows)").doesNotContain("validation");
    }
}
