package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The optimiser, schedule, clipping and loss options of {@code nabla train}, as a user runs them. */
class TrainingToolkitTest {

    @Test
    void rmsPropTrainsWithTheRateAndDecayGiven() {
        // Issue 8: this line used to train Adam without a word.
        Cli r = Cli.run("train", "--data", "iris", "--epochs", "2", "--optimizer", "rmsprop", "--lr", "0.01",
                "--weight-decay", "1e-4");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("rmsprop, learning rate 0.01, weight decay 1.0E-4");
    }

    @Test
    void adamwDecaysByDefaultAndOptionsShowInTheHeader() {
        Cli r = Cli.run("train", "--data", "iris", "--epochs", "1", "--optimizer", "adamw");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("adamw, learning rate 0.001, weight decay 0.01");
        Cli m = Cli.run("train", "--data", "iris", "--epochs", "1", "--lr", "0.001",
                "--optimizer", "rmsprop:momentum=0.9,centered=true");
        assertThat(m.code()).as(m.toString()).isZero();
        assertThat(m.err()).contains("rmsprop, learning rate 0.001, momentum 0.9, centered 1");
    }

    @Test
    void lbfgsTrainsOnAllRowsAndFitsIris() {
        Cli r = Cli.run("train", "--data", "iris", "--optimizer", "lbfgs", "--weight-decay", "1e-3", "--layers", "16:tanh");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("epoch 10/10").contains("lbfgs, learning rate 1.0, weight decay 0.001");
        assertThat(r.out()).containsPattern("test accuracy: (9\\d|100)\\.\\d\\d%");
    }

    @Test
    void aStepScheduleWithWarmUpShowsInTheHeaderTheLogAndTheReport() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("nabla-schedule");
        java.nio.file.Path log = dir.resolve("log.csv");
        // Iris: 105 training rows in batches of 35 make 3 steps an epoch; the warm-up takes the first 2.
        Cli r = Cli.run("train", "--data", "iris", "--epochs", "4", "--batch-size", "35", "--optimizer", "sgd",
                "--lr", "0.1", "--schedule", "step:1,0.5", "--warmup", "2", "--clip-norm", "5", "--clip-value", "1",
                "--log", log.toString(), "--report", dir.resolve("report").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("sgd, learning rate 0.1; step (step_size 1, gamma 0.5), warm-up 2 steps; "
                + "clip value 1.0; clip norm 5.0").contains("lr 1.00e-01");
        java.util.List<String> lines = java.nio.file.Files.readAllLines(log);
        assertThat(lines.get(0)).isEqualTo("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds");
        // Steps 0, 1 warm up (1/3, 2/3 of 0.1); steps 2–4 are the schedule's first epoch (0.1), 5–7 its second
        // (0.05), …; the last update of the trainer's epoch e is step 3e − 1.
        double[] expected = {0.1, 0.05, 0.025, 0.0125};
        for (int e = 1; e <= 4; e++) {
            String[] cells = lines.get(e).split(",");
            assertThat(Double.parseDouble(cells[5])).as("epoch %d", e).isEqualTo(expected[e - 1]);
        }
        assertThat(dir.resolve("report").resolve(Report.LEARNING_RATE)).exists();
        assertThat(java.nio.file.Files.readString(dir.resolve("report").resolve(Report.PAGE)))
                .contains(Report.LEARNING_RATE).contains("step (step_size 1, gamma 0.5), warm-up 2 steps")
                .contains("clip value 1.0, clip norm 5.0");
    }

    @Test
    void lossesWithTheirArgumentsTrainAndShowInTheHeader() {
        Cli huber = Cli.run("train", "--data", "diabetes", "--epochs", "3", "--layers", "8:tanh", "--loss", "huber:0.5");
        assertThat(huber.code()).as(huber.toString()).isZero();
        assertThat(huber.err()).contains("; huber (delta 0.5); adam");
        Cli l1 = Cli.run("train", "--data", "diabetes", "--epochs", "3", "--layers", "8:tanh", "--loss", "l1");
        assertThat(l1.code()).as(l1.toString()).isZero();
        Cli smooth = Cli.run("train", "--data", "iris", "--epochs", "3", "--label-smoothing", "0.1");
        assertThat(smooth.code()).as(smooth.toString()).isZero();
        assertThat(smooth.err()).contains("; softmax_cross_entropy (label_smoothing 0.1); adam");
        Cli weighted = Cli.run("train", "--data", "breast_cancer", "--epochs", "2", "--loss", "bce:pos_weight=2");
        assertThat(weighted.code()).as(weighted.toString()).isZero();
        assertThat(weighted.err()).contains("binary_cross_entropy (pos_weight 2.0)");
    }
}
