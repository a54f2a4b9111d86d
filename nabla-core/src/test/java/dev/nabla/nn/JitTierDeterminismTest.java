package dev.nabla.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.add(flag);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TierProbeMain.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("weights-hash=")).findFirst().orElse(out);
    }
}
