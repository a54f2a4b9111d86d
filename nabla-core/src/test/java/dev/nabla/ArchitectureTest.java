package dev.nabla;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DESIGN.md, checked on the main classes of nabla-core:
 * <pre>
 * tensor.kernel  &lt;- tensor  &lt;- autograd  &lt;- nn, loss, optim   (nn, loss, optim never import each other)
 * tensor         &lt;- data                                       (data never builds graphs)
 * nn, loss, optim, data, metrics &lt;- train
 * tensor, nn, data, train &lt;- io
 * autograd, nn, data, train &lt;- explain &lt;- io
 * </pre>
 */
class ArchitectureTest {
    private static final String ROOT = "dev.nabla";
    private static final String KERNEL = "dev.nabla.tensor.kernel..";
    /** The tensor package itself, without its kernel subpackage. */
    private static final String TENSOR = "dev.nabla.tensor";
    private static final String AUTOGRAD = "dev.nabla.autograd..";
    private static final String NN = "dev.nabla.nn..";
    private static final String LOSS = "dev.nabla.loss..";
    private static final String OPTIM = "dev.nabla.optim..";
    private static final String DATA = "dev.nabla.data..";
    private static final String METRICS = "dev.nabla.metrics..";
    private static final String TRAIN = "dev.nabla.train..";
    private static final String IO = "dev.nabla.io..";
    private static final String EXPLAIN = "dev.nabla.explain..";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** A rule: classes in {@code pkg} depend on nothing of dev.nabla outside {@code allowed} (and pkg). */
    private static ArchRule onlyDependsOn(String pkg, String... allowed) {
        String[] own = Arrays.copyOf(allowed, allowed.length + 1);
        own[allowed.length] = pkg;
        return classes().that().resideInAPackage(pkg)
                .should().onlyDependOnClassesThat(resideInAnyPackage(own).or(not(resideInAPackage(ROOT + ".."))))
                .because("DESIGN.md: " + pkg + " may use only " + String.join(", ", allowed));
    }

    @Test
    void theImporterReadsTheMainClassFiles() {
        // If ArchUnit could not parse this JDK's class files, every rule below would pass vacuously.
        assertThat(CLASSES.stream().map(JavaClass::getName)).contains(
                "dev.nabla.tensor.Tensor", "dev.nabla.tensor.kernel.Gemm", "dev.nabla.autograd.Variable",
                "dev.nabla.nn.Sequential", "dev.nabla.loss.Losses", "dev.nabla.optim.Sgd", "dev.nabla.data.Batches");
        assertThat(CLASSES.get("dev.nabla.tensor.Linalg").getDirectDependenciesFromSelf())
                .as("dependencies are read too").isNotEmpty();
        assertThat(CLASSES.stream().map(JavaClass::getName)).noneMatch(n -> n.endsWith("Test"));
    }

    @Test
    void kernelsDependOnNothingOfNablaButThemselves() {
        onlyDependsOn(KERNEL).check(CLASSES);
    }

    @Test
    void tensorDependsOnlyOnItsKernels() {
        onlyDependsOn(TENSOR, KERNEL).check(CLASSES);
    }

    @Test
    void autogradDependsOnlyOnTensor() {
        onlyDependsOn(AUTOGRAD, TENSOR).check(CLASSES);
    }

    @Test
    void nnLossAndOptimDependOnlyOnAutogradAndTensorNeverOnEachOther() {
        onlyDependsOn(NN, AUTOGRAD, TENSOR).check(CLASSES);
        onlyDependsOn(LOSS, AUTOGRAD, TENSOR).check(CLASSES);
        onlyDependsOn(OPTIM, AUTOGRAD, TENSOR).check(CLASSES);
    }

    @Test
    void dataDependsOnlyOnTensor() {
        onlyDependsOn(DATA, TENSOR).check(CLASSES);
    }

    @Test
    void nothingOutsideTensorTouchesAKernel() {
        noClasses().that().resideOutsideOfPackage("dev.nabla.tensor..")
                .should().dependOnClassesThat().resideInAPackage(KERNEL)
                .because("DESIGN.md: nothing outside tensor touches a kernel")
                .check(CLASSES);
    }

    @Test
    void theVectorApiIsNamedOnlyBehindTheKernelsDecision() {
        // A JVM without the module must never load such a class: the kernels' are reached behind Vectorization, the
        // CSV reader's two behind Simd.enabled() (PlainDataPathTest runs that path without the module).
        noClasses().that().resideOutsideOfPackage(KERNEL)
                .and().doNotHaveFullyQualifiedName("dev.nabla.data.NumberLanes")
                .and().doNotHaveFullyQualifiedName("dev.nabla.data.ByteCounts")
                .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
                .because("DESIGN.md: Vector API types only behind tensor.Simd.enabled()")
                .check(CLASSES);
    }

    @Test
    void metricsTrainAndIoKeepTheirPlace() {
        // metrics evaluates predictions, which are tensors.
        onlyDependsOn(METRICS, TENSOR).allowEmptyShould(true).check(CLASSES);
        onlyDependsOn(TRAIN, NN, LOSS, OPTIM, DATA, METRICS, AUTOGRAD, TENSOR).check(CLASSES);
        // A model file holds a TrainedModel: its network (nn, autograd), its scaling (data) and its objective (train).
        // ... and the notation files of nabla explain.
        onlyDependsOn(IO, EXPLAIN, TRAIN, DATA, NN, AUTOGRAD, TENSOR).allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void explainReadsGraphsAndNetworksButBuildsNoneOfItsOwn() {
        // It runs a training step's forward and backward pass (train's Objective, data's Batch) and reads the graph.
        onlyDependsOn(EXPLAIN, TRAIN, NN, DATA, AUTOGRAD, TENSOR).check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.nabla.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void coreNeedsNothingBeyondTheJdkButACsvParserAndAJsonLibrary() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("dev.nabla..", "java..", "jdk.incubator.vector..",
                        "de.siegmar.fastcsv..", "com.google.gson..")
                .because("DESIGN.md: nabla-core depends on the JDK, FastCSV and Gson only")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackage(DATA).should().dependOnClassesThat().resideInAPackage("de.siegmar..")
                .because("DESIGN.md: only data reads CSV").check(CLASSES);
        noClasses().that().resideOutsideOfPackage(IO).should().dependOnClassesThat().resideInAPackage("com.google.gson..")
                .because("DESIGN.md: only io reads and writes JSON").allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void noClassUsesJavaSerialisationStreams() {
        noClasses().should().dependOnClassesThat().haveNameMatching("java\\.io\\.Object(In|Out)putStream")
                .because("model files are data, never code (DL4J #10428)")
                .check(CLASSES);
    }
}
