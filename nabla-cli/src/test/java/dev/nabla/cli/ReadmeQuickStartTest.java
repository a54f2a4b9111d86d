package dev.nabla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's quick-start block, line by line, in a temporary directory: the first commands a reader
 * types must work. File arguments are moved into the temporary directory so the test writes nothing else.
 */
class ReadmeQuickStartTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Set<String> FILE_OPTIONS = Set.of("--out", "--report", "--log", "--model", "--init");

    @TempDir
    Path dir;

    static List<List<String>> quickStart() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int marker = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("<!-- quick-start")) {
                marker = i;
                break;
            }
        }
        assertThat(marker).as("README has a quick-start block").isNotNegative();
        List<List<String>> commands = new ArrayList<>();
        for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
            String line = lines.get(i).replaceFirst("\\s+#.*$", "").trim();
            if (line.startsWith("./nabla")) {
                commands.add(List.of(line.substring("./nabla".length()).trim().split("\\s+")));
            }
        }
        return commands;
    }

    @Test
    void everyQuickStartCommandSucceeds() throws IOException {
        List<List<String>> commands = quickStart();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(4);
        assertThat(commands.get(0)).as("the first command is plain 'nabla train'").containsExactly("train");
        for (List<String> command : commands) {
            String[] args = command.toArray(String[]::new);
            for (int i = 1; i < args.length; i++) {
                if (FILE_OPTIONS.contains(args[i - 1])) {
                    args[i] = dir.resolve(args[i]).toString();
                }
            }
            Cli r = Cli.run(args);
            assertThat(r.code()).as(String.join(" ", command) + "\n" + r).isZero();
            if (command.equals(List.of("train"))) {
                double accuracy = Double.parseDouble(r.out().replaceAll("(?s).*test accuracy: ([0-9.]+)%.*", "$1"));
                assertThat(accuracy).as("digits test accuracy of the default network").isGreaterThanOrEqualTo(95);
            }
        }
        assertThat(dir.resolve("iris-report").resolve(Report.PAGE)).exists();
    }
}
