package dev.nabla.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.testing.ChildJvm;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorizationTest {
    @Test
    void vectorPathWhenModulePresentAndNotDisabled() {
        assertThat(Vectorization.plainPathReason(true, null)).isEmpty();
        assertThat(Vectorization.plainPathReason(true, "true")).isEmpty();
    }

    @Test
    void plainPathWhenPropertyIsFalse() {
        assertThat(Vectorization.plainPathReason(true, "false")).get().asString().contains("nabla.vector=false");
        assertThat(Vectorization.plainPathReason(true, " FALSE ")).isPresent();
    }

    @Test
    void plainPathWithHowToEnableWhenModuleAbsent() {
        assertThat(Vectorization.plainPathReason(false, null)).get().asString()
                .contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void surefireRunsWithTheModuleSoTheFastPathIsTested() {
        assertThat(Vectorization.enabled()).isTrue();
    }

    @Test
    void jvmWithoutTheModuleTakesThePlainPathAndWarnsOnce() throws Exception {
        String out = runChild(List.of());
        assertThat(out).contains("vector=false c=[58.0, 64.0, 139.0, 154.0] d=32.0");
        assertThat(out.split("--add-modules jdk.incubator.vector", -1)).hasSize(2);
    }

    @Test
    void propertyFalseForcesThePlainPath() throws Exception {
        String out = runChild(List.of("--add-modules", "jdk.incubator.vector", "-Dnabla.vector=false"));
        assertThat(out).contains("vector=false c=[58.0, 64.0, 139.0, 154.0] d=32.0");
    }

    @Test
    void moduleEnabledTakesTheVectorPath() throws Exception {
        String out = runChild(List.of("--add-modules", "jdk.incubator.vector"));
        assertThat(out).contains("vector=true c=[58.0, 64.0, 139.0, 154.0] d=32.0");
    }

    private static String runChild(List<String> jvmFlags) throws IOException, InterruptedException {
        return ChildJvm.run(jvmFlags, PlainPathMain.class);
    }
}
