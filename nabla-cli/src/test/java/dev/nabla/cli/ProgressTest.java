package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void withoutATerminalPrintsOneLinePerEpochWithMetricsAndThroughput() {
        StringWriter text = new StringWriter();
        Progress progress = Progress.lines(new PrintWriter(text));
        var history = EpochLogTest.history();
        progress.onTrainStart(3, 2, 64);
        for (var epoch : history.epochs()) {
            progress.onEpochStart(epoch.epoch());
            progress.onBatchEnd(epoch.epoch(), 1, 0.5, 32, 30);
            progress.onBatchEnd(epoch.epoch(), 2, 0.4, 32, 31);
            progress.onEpochEnd(epoch);
        }
        String[] lines = text.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).matches("epoch 2/3  loss 0\\.5000  accuracy 0\\.8500  val_loss 0\\.6000  "
                + "val_accuracy 0\\.8000  \\d+ samples/s  1\\.25 s");
        assertThat(text.toString()).doesNotContain("\r");
    }
}
