package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/explained holds what the commands listed in its README write; this runs them again, into a temporary
 * directory, and fails on any difference, so the checked-in explanations always match the ops' formulas.
 */
class ExplainedExamplesTest {
    private static final Path EXPLAINED = Path.of("..", "examples", "explained");
    private static final Set<String> OUTPUTS = Set.of("--out", "--graph");

    @TempDir
    Path dir;

    static List<List<String>> commands() throws IOException {
        List<String> lines = Files.readAllLines(EXPLAINED.resolve("README.md"));
        int marker = lines.indexOf(lines.stream().filter(l -> l.startsWith("<!-- explained")).findFirst().orElseThrow());
        List<List<String>> out = new ArrayList<>();
        for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
            if (lines.get(i).startsWith("./nabla ")) {
                out.add(List.of(lines.get(i).substring("./nabla ".length()).trim().split("\\s+")));
            }
        }
        return out;
    }

    @Test
    void theCheckedInExplanationsAreWhatTheCommandsWriteNow() throws IOException {
        List<List<String>> commands = commands();
        assertThat(commands).hasSize(6);
        Set<String> written = new TreeSet<>();
        for (List<String> command : commands) {
            String[] args = command.toArray(String[]::new);
            for (int i = 1; i < args.length; i++) {
                if (OUTPUTS.contains(args[i - 1])) {
                    args[i] = dir.resolve(Path.of(args[i]).getFileName()).toString();
                    written.add(Path.of(args[i]).getFileName().toString());
                } else if (args[i].startsWith("examples/")) {
                    args[i] = Path.of("..").resolve(args[i]).toString();
                }
            }
            Cli r = Cli.run(args);
            assertThat(r.code()).as(String.join(" ", command) + "\n" + r).isZero();
        }
        for (String name : written) {
            assertThat(Files.readString(dir.resolve(name)))
                    .as("examples/explained/%s differs from what its command writes now: run the commands in "
                            + "examples/explained/README.md from the repository root and commit the files", name)
                    .isEqualTo(Files.readString(EXPLAINED.resolve(name)));
        }
        try (Stream<Path> files = Files.list(EXPLAINED)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md") && !n.endsWith(".png")))
                    .as("no file in examples/explained that no command writes").containsExactlyInAnyOrderElementsOf(written);
        }
    }

    @Test
    void eachSeedIsExplainedInItsOwnNotationWithItsErrorsNoted() throws IOException {
        for (String seed : List.of("umons", "saxon", "mykhalchuk", "chau")) {
            assertThat(Files.readString(EXPLAINED.resolve(seed + ".md"))).as(seed).contains("**Note:** ").contains("Test)");
        }
        assertThat(Files.readString(EXPLAINED.resolve("umons.md"))).contains("c̄ = zᵀ1");
        assertThat(Files.readString(EXPLAINED.resolve("saxon.md"))).contains("dw₁ = x·dh + αw₁");
        assertThat(Files.readString(EXPLAINED.resolve("mykhalchuk.md"))).contains("drops the minus", "unweighted");
        assertThat(Files.readString(EXPLAINED.resolve("chau.md"))).contains("g where its derivative g′");
    }
}
