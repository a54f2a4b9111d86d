package dev.nabla.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An op's formula is declared once, as data, and its Javadoc states the same equations: for every op of the
 * gradient-check table, some Javadoc comment of nabla-core holds every equation its formula declares, and each
 * activation's Javadoc holds the f and f′ it declares. Changing one without the other fails here.
 */
class FormulaJavadocTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);

    /** Every Javadoc comment of the main sources, with the leading stars and line breaks folded into spaces. */
    static List<String> javadocs() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = JAVADOC.matcher(Files.readString(file));
                while (m.find()) {
                    out.add(fold(m.group(1)));
                }
            }
        }
        return out;
    }

    private static String fold(String comment) {
        return comment.replaceAll("\\n\\s*\\*", " ").replaceAll("\\s+", " ").replace("&lt;", "<").replace("&gt;", ">").trim();
    }

    @Test
    void everyTableOpsJavadocStatesItsDeclaredFormula() throws IOException {
        List<String> docs = javadocs();
        Map<String, Formula> declarations = new LinkedHashMap<>();
        for (GradCheckTableTest.Case c : GradCheckTableTest.cases()) {
            Map<String, Variable> params = new LinkedHashMap<>();
            c.inputs().forEach((name, t) -> params.put(name, Variable.parameter(t.copy())));
            Variable out = c.op().apply(params);
            if (!params.containsValue(out)) {
                declarations.putIfAbsent(out.formula().declaration().toString(), out.formula().declaration());
            }
        }
        assertThat(declarations).hasSizeGreaterThan(15);
        for (Formula f : declarations.values()) {
            List<String> lines = new ArrayList<>(f.forward());
            lines.addAll(f.backward());
            assertThat(docs).as("a Javadoc comment stating every equation of %s", f)
                    .anySatisfy(doc -> assertThat(doc).contains(lines));
        }
    }

    @Test
    void everyActivationsJavadocStatesItsFAndFPrime() throws IOException {
        String source = Files.readString(SOURCES.resolve("dev/nabla/tensor/Activation.java"));
        for (Activation f : Activation.values()) {
            Matcher m = Pattern.compile("/\\*\\*(.*?)\\*/\\s*" + f.name() + "\\(", Pattern.DOTALL).matcher(source);
            assertThat(m.find()).as("Javadoc of %s", f).isTrue();
            assertThat(fold(m.group(1))).contains("f(A) = " + f.formula(), "f′ = " + f.derivative());
        }
    }

    @Test
    void theCheckNoticesAnEquationThatNoJavadocStates() throws IOException {
        assertThat(javadocs()).noneSatisfy(doc -> assertThat(doc).contains("H = tanh(A)", "Ā = H̄ ⊙ (1 + H²)"));
        assertThat(javadocs()).anySatisfy(doc -> assertThat(doc).contains("C = A ⊙ B", "Ā = C̄ ⊙ B"));
    }
}
