package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float64 kernels are generated from the float32 ones: Java has no generics over primitive arrays, so
 * one source is written by hand and the other derived by fixed substitutions. This test fails when a
 * float64 file differs from what its float32 source generates; {@code ./build test -Dnabla.regenerate=true}
 * rewrites the float64 files instead.
 */
class Float64SourcesTest {
    private static final Path DIR = Path.of("src/main/java/dev/nabla/tensor/kernel");

    /** Ordered substitutions from float32 to float64 source text. */
    private static final List<String[]> RULES = List.of(
            new String[] {"Sgemm", "Dgemm"},
            new String[] {"sgemm", "dgemm"},
            new String[] {"ElementwiseF32", "ElementwiseF64"},
            new String[] {"RowWiseF32", "RowWiseF64"},
            new String[] {"NormalizationF32", "NormalizationF64"},
            new String[] {"FloatVector", "DoubleVector"},
            new String[] {"<Float>", "<Double>"},
            new String[] {"Float.NEGATIVE_INFINITY", "Double.NEGATIVE_INFINITY"},
            new String[] {"Float32", "Float64"},
            new String[] {"float32", "float64"},
            new String[] {"(float) ", ""},
            new String[] {"(double) ", ""});
    private static final Pattern FLOAT_WORD = Pattern.compile("\\bfloat\\b");
    private static final Pattern FLOAT_LITERAL = Pattern.compile("\\b(\\d+)f\\b");

    static List<String> float32Sources() {
        return List.of("Sgemm", "SgemmBlocking", "SgemmCopy", "SgemmJob", "SgemmKernel", "SgemmNarrow",
                "SgemmPacking", "SgemmSmall", "SgemmSplit", "ElementwiseF32", "RowWiseF32", "NormalizationF32");
    }

    static String float64Name(String float32Name) {
        return float32Name.replace("Sgemm", "Dgemm").replace("F32", "F64");
    }

    /** The float64 source generated from float32 {@code source} named {@code name}. */
    static String generate(String name, String source) {
        String s = source;
        for (String[] rule : RULES) {
            s = s.replace(rule[0], rule[1]);
        }
        s = FLOAT_WORD.matcher(s).replaceAll("double");
        s = FLOAT_LITERAL.matcher(s).replaceAll("$1.0");
        String header = "// Generated from " + name + ".java by Float64SourcesTest: edit that file, then run\n"
                + "// ./build test -Dnabla.regenerate=true\n";
        return header + s;
    }

    @ParameterizedTest
    @MethodSource("float32Sources")
    void float64KernelIsGeneratedFromItsFloat32Source(String name) throws IOException {
        String expected = generate(name, Files.readString(DIR.resolve(name + ".java")));
        Path target = DIR.resolve(float64Name(name) + ".java");
        if (Boolean.getBoolean("nabla.regenerate")) {
            Path tmp = Files.createTempFile(DIR, float64Name(name), ".tmp");
            Files.writeString(tmp, expected);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        assertThat(Files.readString(target)).as("%s generated from %s.java", target, name).isEqualTo(expected);
    }
}
