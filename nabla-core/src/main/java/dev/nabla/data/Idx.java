package dev.nabla.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (gzipped or not): two zero bytes, a type byte,
 * the number of dimensions, each dimension as a big-endian int, then the values row-major.
 */
public final class Idx {
    /** Refuses files claiming more values than this (2³¹ − 1 would not fit a Java array anyway). */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private Idx() {
    }

    /**
     * An IDX array: its dimensions and its values as floats.
     *
     * @param dims   the dimensions, e.g. [60000, 28, 28]
     * @param values the values, row-major
     */
    public record Array(int[] dims, float[] values) {
        /** Number of items along the first dimension. */
        public int items() {
            return dims[0];
        }

        /** Values per item (the product of the other dimensions). */
        public int itemSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) {
                s *= dims[i];
            }
            return s;
        }
    }

    /** Reads {@code file}; a {@code .gz} file (by its magic bytes) is decompressed on the fly. */
    public static Array read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (DataInputStream in = new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw)) {
                return read(in, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (EOFException e) {
            throw new DataException(file + ": truncated IDX file", e);
        } catch (IOException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }

    private static Array read(DataInputStream in, String source) throws IOException {
        int zero = in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int rank = in.readUnsignedByte();
        if (zero != 0 || rank == 0) {
            throw new DataException(source + ": not an IDX file (bad magic number)");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new DataException(source + ": negative dimension " + dims[i]);
            }
            count *= dims[i];
            if (count > MAX_VALUES) {
                throw new DataException(source + ": dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + " hold more values than fit in memory");
            }
        }
        float[] v = new float[(int) count];
        switch (type) {
            case 0x08 -> readBytes(v, in, true);
            case 0x09 -> readBytes(v, in, false);
            case 0x0B -> readEach(v, in::readShort);
            case 0x0C -> readEach(v, in::readInt);
            case 0x0D -> readEach(v, in::readFloat);
            case 0x0E -> readEach(v, () -> (float) in.readDouble());
            default -> throw new DataException(source + ": unknown IDX value type 0x" + Integer.toHexString(type));
        }
        if (in.read() != -1) {
            throw new DataException(source + ": data after the " + count + " values the header declares");
        }
        return new Array(dims, v);
    }

    /** Converted a chunk at a time: a byte copy of all 47 MB of Fashion-MNIST's images would add to the peak footprint. */
    private static void readBytes(float[] v, DataInputStream in, boolean unsigned) throws IOException {
        byte[] chunk = new byte[1 << 16];
        for (int at = 0; at < v.length; ) {
            int n = Math.min(chunk.length, v.length - at);
            in.readFully(chunk, 0, n);
            for (int i = 0; i < n; i++) {
                v[at + i] = unsigned ? chunk[i] & 0xff : chunk[i];
            }
            at += n;
        }
    }

    private interface Value {
        float next() throws IOException;
    }

    private static void readEach(float[] v, Value source) throws IOException {
        for (int i = 0; i < v.length; i++) {
            v[i] = source.next();
        }
    }
}
