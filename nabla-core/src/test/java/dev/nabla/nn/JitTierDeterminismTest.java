package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.testing.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bit-identical weights must not depend on which JIT tier ran the kernels: the interpreter, C1 and C2 must
 * agree. Vector API operations whose result the specification leaves open (e.g. the order of
 * {@code reduceLanes(ADD)}, or transcendental lane operations) differ between the interpreter's Java
 * fallback and C2's intrinsics, and would make training results depend on warm-up.
 */
class JitTierDeterminismTest {

    @Test
    void theInterpreterAndCompiledCodeTrainToTheSameBits() throws Exception {
        int compiled = 0;
        for (int i = 0; i < 300; i++) {
            compiled = TierProbeMain.train();
        }
        assertThat(child("-Xint")).isEqualTo("weights-hash=" + compiled);
        assertThat(child("-XX:TieredStopAtLevel=1")).isEqualTo("weights-hash=" + compiled);
    }

    private static String child(String flag) throws Exception {
        String out = ChildJvm.run(List.of("--add-modules", "jdk.incubator.vector", flag), TierProbeMain.class);
        return out.lines().filter(l -> l.startsWith("weights-hash=")).findFirst().orElse(out);
    }
}
