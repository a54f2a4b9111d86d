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
        Cli r = Cli.run("gradcheck", "--tolerance", "1e-300");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("nabla: gradient check failed");
    }
}
