package dev.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Damaged files: whatever the damage, reading gives tensors or a ModelFileException, never anything else. */
class SafetensorsFuzzTest {
    private static Path dir;
    private static byte[] valid;

    @BeforeContainer
    static void writeAValidFile() throws IOException {
        dir = Files.createTempDirectory("nabla-fuzz");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        tensors.put("0.bias", Tensor.of(0.5, -0.5));
        Path file = dir.resolve("valid.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt", "nabla", "{\"format_version\":1}"));
        valid = Files.readAllBytes(file);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** Damage: set some bytes to random values, then keep a prefix of the file (the whole of it when cut ≥ length). */
    @Provide
    Arbitrary<byte[]> damaged() {
        Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> flips = Arbitraries.integers().between(0, valid.length - 1)
                .flatMap(i -> Arbitraries.bytes().map(b -> Tuple.of(i, b))).list().ofMaxSize(4);
        Arbitrary<Integer> cut = Arbitraries.oneOf(Arbitraries.just(Integer.MAX_VALUE),
                Arbitraries.integers().between(0, valid.length));
        return net.jqwik.api.Combinators.combine(flips, cut).as((fs, c) -> {
            byte[] bytes = valid.clone();
            fs.forEach(f -> bytes[f.get1()] = f.get2());
            return java.util.Arrays.copyOf(bytes, Math.min(c, bytes.length));
        });
    }

    @Property(tries = 1000)
    void damagedFilesReadOrFailWithAModelFileException(@ForAll("damaged") byte[] bytes) {
        Path file = dir.resolve("damaged.safetensors");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Safetensors.Contents contents = Safetensors.read(file);
            long bytesRead = contents.tensors().values().stream().mapToLong(t -> (long) t.size() * t.dtype().bytes()).sum();
            assertThat(bytesRead).as("what was read fits in the file").isLessThanOrEqualTo(bytes.length);
        } catch (ModelFileException e) {
            assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        }
        // Anything else (an unchecked exception, an error) escapes and fails the property.
    }

    @Property(tries = 200)
    void flippingAHeaderLengthByteNeverAllocatesWhatItClaims(@ForAll("headerLengthByte") int index,
                                                              @ForAll byte value) throws IOException {
        byte[] bytes = valid.clone();
        bytes[index] = value;
        Path file = Files.write(dir.resolve("length.safetensors"), bytes);
        try {
            Safetensors.read(file);
        } catch (ModelFileException e) {
            assertThat(e.getMessage()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<Integer> headerLengthByte() {
        return Arbitraries.integers().between(0, 7);
    }
}
