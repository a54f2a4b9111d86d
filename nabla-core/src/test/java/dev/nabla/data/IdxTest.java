package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes, written by hand: 0, 0, type 0x08, rank, dims, values. */
    static byte[] ubytes(int[] dims, int[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0);
        out.writeByte(0x08);
        out.writeByte(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }

    static void write(Path p, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(content);
        }
    }

    @Test
    void readsUnsignedBytesPlainAndGzipped() throws IOException {
        byte[] file = ubytes(new int[] {2, 2, 3}, new int[] {0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255});
        for (boolean gzip : new boolean[] {false, true}) {
            Path p = dir.resolve("a" + gzip);
            write(p, file, gzip);
            Idx.Array a = Idx.read(p);
            assertThat(a.dims()).containsExactly(2, 2, 3);
            assertThat(a.items()).isEqualTo(2);
            assertThat(a.itemSize()).isEqualTo(6);
            assertThat(a.values()).containsExactly(0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255);
        }
    }

    @Test
    void aTruncatedFileAndBadMagicAreDataErrors() throws IOException {
        byte[] file = ubytes(new int[] {3, 2}, new int[] {1, 2, 3, 4, 5, 6});
        Path cut = dir.resolve("cut");
        write(cut, Arrays.copyOf(file, file.length - 2), true);
        assertThatThrownBy(() -> Idx.read(cut)).isInstanceOf(DataException.class).hasMessageContaining("truncated");
        Path bad = dir.resolve("bad");
        Files.write(bad, new byte[] {1, 2, 8, 1, 0, 0, 0, 1, 7});
        assertThatThrownBy(() -> Idx.read(bad)).hasMessageContaining("not an IDX file");
    }

    @Test
    void aHeaderClaimingMoreValuesThanMemoryIsRefusedBeforeAllocating() throws IOException {
        Path huge = dir.resolve("huge");
        write(huge, ubytes(new int[] {65536, 65536}, new int[0]), false);
        assertThatThrownBy(() -> Idx.read(huge)).isInstanceOf(DataException.class)
                .hasMessageContaining("more values than fit in memory");
    }

    /** An IDX file of one value type, written by hand: 0, 0, type, rank, dims, then each value by {@code put}. */
    static byte[] typed(int type, int[] dims, double[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0);
        out.writeByte(type);
        out.writeByte(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (double v : values) {
            switch (type) {
                case 0x0C -> out.writeInt((int) v);
                case 0x0D -> out.writeFloat((float) v);
                default -> out.writeByte((int) v);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aHeaderDeclaringMoreThanTheFileHoldsIsRefusedNamingTheFile() throws IOException {
        // 2³¹ − 9 values declared in a 30-byte file: refused from the header, before a 8 GB array is asked for.
        for (boolean gzip : new boolean[] {false, true}) {
            Path p = dir.resolve("claims" + gzip);
            byte[] header = ubytes(new int[] {Integer.MAX_VALUE - 9, 1}, new int[0]);
            write(p, Arrays.copyOf(header, 30), gzip);
            assertThatThrownBy(() -> Idx.read(p)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith(p.toString())
                    .hasMessageContaining("the header declares dimensions [2147483638, 1], 2,147,483,638 values");
        }
        Path plain = dir.resolve("short");
        write(plain, Arrays.copyOf(ubytes(new int[] {3, 2}, new int[] {1, 2, 3, 4, 5, 6}), 16), false);
        assertThatThrownBy(() -> Idx.read(plain)).hasMessage(plain + ": the header declares dimensions [3, 2], 6 values "
                + "of 1 byte (18 bytes with the header), but the file has 16 bytes");
    }

    @Test
    void aZeroDimensionIsRefusedRatherThanTrustingTheOthers() throws IOException {
        // Found by fuzzing: [2³⁰, 0] holds no values, yet 2³⁰ items made the labels array 4 GB.
        Path p = dir.resolve("zero");
        write(p, ubytes(new int[] {1 << 30, 0}, new int[0]), false);
        assertThatThrownBy(() -> Idx.read(p)).isInstanceOf(DataException.class)
                .hasMessage(p + ": dimension 2 of the header is 0; an IDX file holds at least one value along each");
    }

    @Test
    void labelsMustBeWholeNumbersInRangeOfAtLeastTwoClasses() throws IOException {
        Path huge = dir.resolve("huge-label");
        write(huge, typed(0x0C, new int[] {3}, new double[] {0, 2_000_000_000, 1}), false);
        assertThatThrownBy(() -> Idx.labels(Idx.read(huge), huge.toString(), 0)).isInstanceOf(DataException.class)
                .hasMessage(huge + ": label 2 is 2000000000; labels must be whole numbers from 0 to 65535");
        Path fractional = dir.resolve("float-labels");
        write(fractional, typed(0x0D, new int[] {2}, new double[] {1, 1.5}), false);
        assertThatThrownBy(() -> Idx.labels(Idx.read(fractional), fractional.toString(), 0))
                .hasMessage(fractional + ": label 2 is 1.5; labels must be whole numbers from 0 to 65535");
        Path named = dir.resolve("named");
        write(named, typed(0x08, new int[] {2}, new double[] {0, 10}), false);
        assertThatThrownBy(() -> Idx.labels(Idx.read(named), named.toString(), 10))
                .hasMessage(named + ": label 2 is 10; labels must be whole numbers from 0 to 9 (10 classes)");
        Path single = dir.resolve("single");
        write(single, typed(0x08, new int[] {3}, new double[] {4, 4, 4}), false);
        assertThatThrownBy(() -> Idx.labels(Idx.read(single), single.toString(), 0))
                .hasMessage(single + ": every label is 4; a classifier needs at least two classes");
        Path good = dir.resolve("good");
        write(good, typed(0x0D, new int[] {3}, new double[] {2, 0, 1}), false);
        assertThat(Idx.labels(Idx.read(good), good.toString(), 3)).containsExactly(2, 0, 1);
    }

    @Test
    void anMnistStyleDirectoryGivesTrainAndPresetTest() throws IOException {
        write(dir.resolve("train-images-idx3-ubyte.gz"), ubytes(new int[] {3, 1, 2}, new int[] {1, 2, 3, 4, 5, 6}), true);
        write(dir.resolve("train-labels-idx1-ubyte.gz"), ubytes(new int[] {3}, new int[] {0, 1, 1}), true);
        write(dir.resolve("t10k-images-idx3-ubyte"), ubytes(new int[] {2, 1, 2}, new int[] {7, 8, 9, 10}), false);
        write(dir.resolve("t10k-labels-idx1-ubyte"), ubytes(new int[] {2}, new int[] {1, 0}), false);
        DataSource s = Datasets.idxDirectory(dir, "tiny", List.of("no", "yes"));
        assertThat(s.data().rows()).isEqualTo(3);
        assertThat(s.data().featureCount()).isEqualTo(2);
        assertThat(s.data().labels()).containsExactly(0, 1, 1);
        assertThat(s.presetTest().features().floats()).containsExactly(7f, 8f, 9f, 10f);
        assertThat(s.presetTest().classNames()).containsExactly("no", "yes");
    }
}
