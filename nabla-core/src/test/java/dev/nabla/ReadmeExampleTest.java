package dev.nabla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples are real code: they compile against the library, run and learn. */
class ReadmeExampleTest {
    @Test
    void readmeExampleCompilesRunsAndLearnsXor(@TempDir Path dir) throws Exception {
        String printed = compileAndRun(dir, 0);
        Matcher numbers = Pattern.compile("\\[([^\\]]*)\\]$", Pattern.MULTILINE).matcher(printed.strip());
        assertThat(numbers.find()).as("printed: %s", printed).isTrue();
        List<Double> values = java.util.Arrays.stream(numbers.group(1).split(","))
                .map(String::strip).map(Double::parseDouble).toList();
        assertThat(values).hasSize(4);
        assertThat(values.get(0)).isLessThan(0.1);
        assertThat(values.get(1)).isGreaterThan(0.9);
        assertThat(values.get(2)).isGreaterThan(0.9);
        assertThat(values.get(3)).isLessThan(0.1);
    }

    @Test
    void readmeOneCallExampleTrainsIrisAndPrintsItsTestAccuracy(@TempDir Path dir) throws Exception {
        String printed = compileAndRun(dir, 1);
        Matcher accuracy = Pattern.compile("test accuracy ([0-9.]+)").matcher(printed);
        assertThat(accuracy.find()).as("printed: %s", printed).isTrue();
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThan(0.85);
        assertThat(printed).contains("setosa");
    }

    @Test
    void readmeToolkitExampleTrainsDigitsWithAWarmUpAndACosineSchedule(@TempDir Path dir) throws Exception {
        String printed = compileAndRun(dir, 2);
        Matcher accuracy = Pattern.compile("test accuracy ([0-9.]+)").matcher(printed);
        assertThat(accuracy.find()).as("printed: %s", printed).isTrue();
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThan(0.9);
        Matcher rates = Pattern.compile("learning rates \\[([^\\]]*)\\]").matcher(printed);
        assertThat(rates.find()).as("printed: %s", printed).isTrue();
        List<Double> values = java.util.Arrays.stream(rates.group(1).split(",")).map(String::strip)
                .map(Double::parseDouble).toList();
        assertThat(values).hasSize(10);
        assertThat(values.get(9)).isLessThan(values.get(1)).isGreaterThanOrEqualTo(1e-5);
    }

    @Test
    void readmeTableExamplePredictsRawRowsWithAModelFileAlone(@TempDir Path dir) throws Exception {
        String printed = compileAndRun(dir, 3);
        Matcher rows = Pattern.compile("^(good|bad)  p\\(good\\) = ([0-9.]+)$", Pattern.MULTILINE).matcher(printed);
        int count = 0;
        while (rows.find()) {
            double p = Double.parseDouble(rows.group(2));
            assertThat(p).isBetween(0.0, 1.0);
            count++;
        }
        assertThat(count).as("printed: %s", printed).isEqualTo(2);
    }

    /** Compiles and runs the README's {@code index}-th java block; returns what it printed. */
    private static String compileAndRun(Path dir, int index) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        for (int i = 0; i <= index; i++) {
            assertThat(block.find()).as("README has %d ```java blocks", index + 1).isTrue();
        }
        String source = block.group(1);
        Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(name.find()).isTrue();
        Path file = dir.resolve(name.group(1) + ".java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", dir.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertThat(status).as("javac exit status").isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmeExampleTest.class.getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass(name.group(1)).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
