package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ReportTest {
    @TempDir
    Path dir;

    static Report report(int[][] confusion, List<String> classes) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("data", "digits <&> \"quoted\"");
        config.put("layers", "64:relu");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.9625);
        metrics.put("loss", 0.125);
        return new Report("digits: 64:relu", config, EpochLogTest.history(), metrics, "test (360 rows)",
                confusion, classes, null);
    }

    @Test
    void aBinaryClassifierGetsRocAndPrecisionRecallCurves() throws Exception {
        Report binary = new Report("credit", Map.of(), EpochLogTest.history(), Map.of("roc_auc", 0.8), "test",
                new int[][] {{5, 1}, {2, 4}}, List.of("bad", "good"), dev.nabla.metrics.Ranking.curve(
                        new int[] {0, 0, 1, 1, 0, 1}, new double[] {0.1, 0.4, 0.35, 0.8, 0.2, 0.9}));
        Path page = binary.write(dir.resolve("binary"));
        for (String name : List.of(Report.ROC, Report.PRECISION_RECALL)) {
            BufferedImage image = ImageIO.read(dir.resolve("binary").resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(distinctColours(image)).as(name + " is not blank").isGreaterThan(2);
        }
        assertThat(Files.readString(page)).contains(Report.ROC).contains(Report.PRECISION_RECALL);
    }

    @Test
    void writesDecodablePngsAndAParsablePageThatShowsThem() throws Exception {
        int[][] confusion = {{50, 2, 0}, {3, 40, 1}, {0, 0, 60}};
        Path page = report(confusion, List.of("setosa", "versicolor", "virginica")).write(dir.resolve("report"));

        for (String name : List.of(Report.LOSS, Report.ACCURACY, Report.CONFUSION)) {
            BufferedImage image = ImageIO.read(dir.resolve("report").resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).as(name).isGreaterThan(100);
            assertThat(image.getHeight()).as(name).isGreaterThan(100);
            assertThat(distinctColours(image)).as(name + " is not blank").isGreaterThan(2);
        }
        Document html = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(page.toFile());
        NodeList images = html.getElementsByTagName("img");
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < images.getLength(); i++) {
            sources.add(images.item(i).getAttributes().getNamedItem("src").getNodeValue());
        }
        assertThat(sources).containsExactlyInAnyOrder(Report.LOSS, Report.ACCURACY, Report.CONFUSION);
        String text = html.getDocumentElement().getTextContent();
        assertThat(text).contains("0.9625").contains("digits <&> \"quoted\"").contains("64:relu")
                .contains("test (360 rows)");
        assertThat(Files.readString(page)).contains("digits &lt;&amp;&gt; &quot;quoted&quot;");
        try (Stream<Path> files = Files.list(dir.resolve("report"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void aRegressionReportHasNoConfusionMatrix() throws Exception {
        Path page = report(null, List.of()).write(dir);
        assertThat(dir.resolve(Report.CONFUSION)).doesNotExist();
        assertThat(Files.readString(page)).doesNotContain(Report.CONFUSION);
    }

    @Test
    void theConfusionImageShadesTheDiagonalDarkest() {
        int[][] counts = {{90, 10}, {5, 95}};
        BufferedImage image = ConfusionImage.draw(counts, List.of("no", "yes"));
        // Cells are shaded by row share: compare a diagonal cell's corner pixel with an off-diagonal one's.
        int diagonal = brightnessNearCellCorner(image, 0, 0);
        int offDiagonal = brightnessNearCellCorner(image, 0, 1);
        assertThat(diagonal).isLessThan(offDiagonal);
    }

    /** Brightness of a pixel just inside the top-left corner of cell (row, col), from the layout ConfusionImage uses. */
    private static int brightnessNearCellCorner(BufferedImage image, int row, int col) {
        int k = 2;
        int cell = Math.max(28, Math.min(64, 640 / k));
        int left = image.getWidth() - 20 - k * cell;
        int top = 70;
        int rgb = image.getRGB(left + col * cell + 3, top + row * cell + 3);
        return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
