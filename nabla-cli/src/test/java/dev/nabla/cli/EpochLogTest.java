package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.train.EpochResult;
import dev.nabla.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochLogTest {

    static History history() {
        return new History(List.of(
                epoch(1, 0.9, 0.7, 1.0, 0.65, 1500),
                epoch(2, 0.5, 0.85, 0.6, 0.8, 1250),
                epoch(3, 0.25, 0.93, 0.4, 0.9, 1000)), 3, false);
    }

    static EpochResult epoch(int n, double loss, double acc, double valLoss, double valAcc, long millis) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("accuracy", acc);
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("loss", valLoss);
        v.put("accuracy", valAcc);
        return new EpochResult(n, m, v, Duration.ofMillis(millis));
    }

    @Test
    void oneRowPerEpochWithEveryMetricAndTheSeconds() {
        String[] lines = EpochLog.csv(history()).split("\n");
        assertThat(lines).containsExactly(
                "epoch,loss,accuracy,val_loss,val_accuracy,seconds",
                "1,0.9,0.7,1.0,0.65,1.500",
                "2,0.5,0.85,0.6,0.8,1.250",
                "3,0.25,0.93,0.4,0.9,1.000");
    }

    @Test
    void aMetricMissingInAnEpochIsAnEmptyCell() {
        Map<String, Double> partial = new LinkedHashMap<>();
        partial.put("loss", 0.3);
        History h = new History(List.of(epoch(1, 0.9, 0.7, 1.0, 0.65, 100),
                new EpochResult(2, partial, Map.of(), Duration.ofMillis(200))), 2, false);
        assertThat(EpochLog.csv(h).split("\n")[2]).isEqualTo("2,0.3,,,,0.200");
    }

    @Test
    void writesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("log.csv");
        EpochLog.write(file, history());
        assertThat(Files.readAllLines(file)).hasSize(4).first().asString().startsWith("epoch,loss");
    }
}
