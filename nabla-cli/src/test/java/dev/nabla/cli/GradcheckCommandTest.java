package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GradcheckCommandTest {
    @Test
    void printsTheWorstRelativeErrorPerParameterAndOverall() {
        Cli r = Cli.run("gradcheck");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("0.weight").contains("6.bias").containsPattern("worst relative error: \\d\\.\\d{3}e-\\d+");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void checksEveryLoss() {
        assertThat(Cli.run("gradcheck", "--outputs", "1", "--loss", "binary_cross_entropy").code()).isZero();
        assertThat(Cli.run("gradcheck", "--outputs", "1").code()).isZero();
        assertThat(Cli.run("gradcheck", "--outputs", "1", "--loss", "mse", "--layers", "5:tanh").code()).isZero();
    }

    @Test
    void anImpossibleToleranceFailsWithExitOne() {
        Cli r = Cli.run("gradcheck", "--tolerance", "1e-300", "--atol", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("nabla: gradient check failed");
    }

    @Test
    void theDefaultReluDigitsModelPasses() {
        java.nio.file.Path model = dir.resolve("digits.safetensors");
        Cli train = Cli.run("train", "--out", model.toString(), "--epochs", "3");
        assertThat(train.code()).as(train.toString()).isZero();
        Cli r = Cli.run("gradcheck", "--model", model.toString(), "--data", "digits");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("0 outside |a - n| <= 1.0e-08 + 1.0e-04 * max(|a|, |n|)");
    }

    @Test
    void aLargeNetworkIsSampledAndSaysSo() {
        Cli r = Cli.run("gradcheck", "--layers", "300:tanh", "--inputs", "300", "--elements", "60");
        assertThat(r.code()).as(r.toString()).isZero();
        // Each parameter's share of 60, at least 16 (all 4 of the last bias): 59 + 16 + 16 + 4.
        assertThat(r.err()).contains("nabla: checking 95 of the 91,504 elements, sampled at random in every parameter "
                + "(--seed 1; --elements all checks every one)");
        assertThat(r.out()).contains("95 of 91,504 elements checked");
        assertThat(Cli.run("gradcheck", "--elements", "many").errLines()).singleElement().asString()
                .contains("--elements must be a positive whole number or all, got many");
    }

    @Test
    void theDefaultSampleFitsTheBudgetButNeverFallsBelowAHundred() {
        // 3000:tanh on 3000 inputs: 9,015,004 parameters, two passes of 8 rows each per element.
        assertThat(GradcheckCommand.defaultElements(9_015_004, 8)).isEqualTo(138);
        assertThat(GradcheckCommand.defaultElements(9_098, 8)).isEqualTo(9_098);
        assertThat(GradcheckCommand.defaultElements(500_000_000, 64)).isEqualTo(100);
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;
}
