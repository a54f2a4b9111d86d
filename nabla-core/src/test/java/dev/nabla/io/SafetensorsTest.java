package dev.nabla.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A file of an 8-byte little-endian header length, the header text as given, and {@code data}. */
    static byte[] craft(long headerLength, String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(headerLength).put(h).put(data).array();
    }

    static byte[] craft(String header, byte[] data) {
        return craft(header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("bad.safetensors"), bytes);
    }

    @Test
    void writeThenReadGivesTheSameTensorsInTheSameOrder() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", Tensor.of(new float[][] {{1.5f, -2f, Float.MIN_VALUE}, {0f, -0f, 3.25e30f}}));
        tensors.put("a.bias", Tensor.of(Math.PI, -Math.E, 1e-300, Double.MAX_VALUE));
        tensors.put("m.empty", Tensor.zeros(DType.F32, 0));
        tensors.put("n.count", Tensor.full(DType.F64, 42, new int[0]));
        Path path = dir.resolve("t.safetensors");

        Safetensors.write(path, tensors, Map.of("format", "pt", "note", "ünïcode \"quoted\""));
        Safetensors.Contents read = Safetensors.read(path);

        assertThat(read.tensors().keySet()).containsExactly("z.weight", "a.bias", "m.empty", "n.count");
        assertThat(read.tensors().get("n.count").shape()).as("rank 0, PyTorch's 0-dim tensor").isEmpty();
        assertThat(read.tensors().get("n.count").item()).isEqualTo(42.0);
        for (String name : tensors.keySet()) {
            Tensor expected = tensors.get(name);
            Tensor actual = read.tensors().get(name);
            assertThat(actual.dtype()).isEqualTo(expected.dtype());
            assertThat(actual.shape()).containsExactly(expected.shape());
            if (expected.dtype() == DType.F32) {
                assertThat(actual.floats()).containsExactly(expected.floats());
            } else {
                assertThat(actual.doubles()).containsExactly(expected.doubles());
            }
        }
        assertThat(Float.floatToRawIntBits(read.tensors().get("z.weight").floats()[4])).as("−0 kept")
                .isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(read.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("format", "pt", "note", "ünïcode \"quoted\""));
        // Header length is a multiple of 8 and the file is exactly header + 6·4 + 4·8 + 8 data bytes.
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(path), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        assertThat(Files.size(path)).isEqualTo(8 + headerLength + 6 * 4 + 4 * 8 + 8);
    }

    @Test
    void aCsvGivenAsAModelIsToldApartFromADamagedFile() throws IOException {
        Path csv = Files.writeString(dir.resolve("iris.csv"), "sepal_length,sepal_width,species\n5.1,3.5,setosa\n");
        assertThatThrownBy(() -> Safetensors.read(csv)).isInstanceOf(ModelFileException.class)
                .hasMessage(csv + ": not a safetensors file (it begins with the text \"sepal_le\"): its first 8 bytes, "
                        + "read as the header's length, say 7308321214411335027 bytes, but the file has 48");
    }

    @Test
    void aHeaderLengthOfTwoToTheSixtySecondIsRefusedWithoutAllocating() throws IOException {
        Path path = file(craft(1L << 62, "{}", new byte[0]));
        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(path.toString()).hasMessageContaining("not a safetensors file").hasMessageContaining("say 4611686018427387904 bytes");
    }

    @Test
    void aShapeClaimingTenToTheTwelveElementsIsRefused() throws IOException {
        Path path = file(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,4000000000000]}}",
                new byte[0]));
        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor \"w\"").hasMessageContaining("1000000000000 elements");
        Path flat = file(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000000000],\"data_offsets\":[0,4]}}", new byte[4]));
        assertThatThrownBy(() -> Safetensors.read(flat)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor \"w\".shape[0]");
    }

    /** Each row: a header over 8 data bytes, and what the error must mention. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}                     | ''",
        "{\"w\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}                      | unknown dtype \"Q7\"",
        "{\"w\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]}}                     | F16 is not supported",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}                    | shape[0]",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}                   | shape[0]",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1,1,2],\"data_offsets\":[0,8]}}                 | rank 3",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}                     | needs 12 bytes",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}                     | [8, 0]",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}                    | 8-byte data buffer",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}                     | 4 bytes after the last tensor",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}                     | hole",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}} | overlapping",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}             | unknown key \"x\"",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}                                            | missing \"data_offsets\"",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"__metadata__\":{\"k\":3}} | __metadata__.k",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}                      | malformed JSON",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} x                   | malformed JSON",
        "[1, 2]                                                                                | not a JSON object",
        "{\"w\":[0,8]}                                                                         | expected an object",
    })
    void everyFaultInTheHeaderIsAModelFileExceptionNamingIt(String header, String fault) throws IOException {
        Path path = file(craft(header.strip(), new byte[8]));
        if (fault.isEmpty()) {
            assertThat(Safetensors.read(path).tensors()).containsOnlyKeys("w");
            return;
        }
        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(path + ": ").hasMessageContaining(fault)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shortAndMissingFilesAreModelFileExceptions() throws IOException {
        Path tiny = file(new byte[] {1, 0, 0});
        assertThatThrownBy(() -> Safetensors.read(tiny)).isInstanceOf(ModelFileException.class).hasMessageContaining("too short");
        Path missing = dir.resolve("nothing.safetensors");
        assertThatThrownBy(() -> Safetensors.read(missing)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("no such file");
        // 0xC3 0x28 is an invalid two-byte UTF-8 sequence.
        Path notUtf8 = file(craft(2, "", new byte[] {(byte) 0xC3, (byte) 0x28}));
        assertThatThrownBy(() -> Safetensors.read(notUtf8)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void aWriteLeavesNoTemporaryFileAndReplacesTheOldFile() throws IOException {
        Path path = dir.resolve("m.safetensors");
        Safetensors.write(path, Map.of("w", Tensor.of(1f, 2f)), Map.of());
        Safetensors.write(path, Map.of("w", Tensor.of(3f)), Map.of());
        assertThat(Safetensors.read(path).tensors().get("w").floats()).containsExactly(3f);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.safetensors");
        }
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileBehind() throws IOException {
        // The target is a non-empty directory, so the final rename fails after the data was written.
        Path target = Files.createDirectory(dir.resolve("taken.safetensors"));
        Files.writeString(target.resolve("keep"), "x");
        assertThatThrownBy(() -> Safetensors.write(target, Map.of("w", Tensor.of(1f)), Map.of()))
                .isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("taken.safetensors");
        }
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("x");
    }

    @Test
    void refusesTensorNamesTheFormatReserves() {
        assertThatThrownBy(() -> Safetensors.write(dir.resolve("x.safetensors"),
                Map.of("__metadata__", Tensor.of(1f)), Map.of())).isInstanceOf(ModelFileException.class);
        assertThat(dir.resolve("x.safetensors")).doesNotExist();
    }

}
