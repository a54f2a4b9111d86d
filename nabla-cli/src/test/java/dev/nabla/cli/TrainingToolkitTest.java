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
}
