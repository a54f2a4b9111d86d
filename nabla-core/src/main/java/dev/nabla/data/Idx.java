package dev.nabla.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import dev.nabla.tensor.Memory;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (gzipped or not): two zero bytes, a type byte,
 * the number of dimensions, each dimension as a big-endian int, then the values row-major.
 */
public final class Idx {
    /** Refuses files claiming more values than this (2³¹ − 1 would not fit a Java array anyway). */
    private static final long MAX_VALUES = Memory.MAX_ARRAY;
    /** Deflate never expands data by more than about 1032:1, so a gzipped file of n bytes holds at most this × n. */
    static final long MAX_DEFLATE_RATIO = 1032;
    /** Labels at or above this are refused when the classes are not named: a label is a class, not an identifier. */
    public static final int MAX_CLASSES = 65_536;

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

    /**
     * Reads {@code file}; a {@code .gz} file (by its magic bytes) is decompressed on the fly. The dimensions in the
     * header are checked against what the file can hold before anything is allocated: exactly its size for a plain
     * file, at most {@value #MAX_DEFLATE_RATIO} times its size for a gzipped one (deflate's limit).
     *
     * @throws DataException naming the file, for anything but a well-formed IDX file
     */
    public static Array read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long stored = Files.size(file);
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (DataInputStream in = new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw)) {
                return read(in, file.toString(), stored, gzip);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (EOFException e) {
            throw new DataException(file + ": truncated IDX file (it ends before the values its header declares)", e);
        } catch (java.util.zip.ZipException e) {
            throw new DataException(file + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Array read(DataInputStream in, String source, long stored, boolean gzip) throws IOException {
        int zero = in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int rank = in.readUnsignedByte();
        if (zero != 0 || rank == 0) {
            throw new DataException(source + ": not an IDX file (bad magic number)");
        }
        int width = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> throw new DataException(source + ": not an IDX file (unknown value type 0x"
                    + Integer.toHexString(type) + ")");
        };
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 1) {
                // A zero would make the product (and the file) empty while another dimension still claims billions.
                throw new DataException(source + ": dimension " + (i + 1) + " of the header is " + dims[i]
                        + "; an IDX file holds at least one value along each");
            }
            count *= dims[i];
            if (count > MAX_VALUES) {
                throw new DataException(source + ": dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + " hold more values than fit in memory");
            }
        }
        long needed = 4L + 4L * rank + count * width;
        long room = gzip ? Memory.times(stored, MAX_DEFLATE_RATIO) : stored;
        if (needed > room || (!gzip && needed < room)) {
            throw new DataException(String.format(Locale.ROOT, "%s: the header declares dimensions %s, %,d values of %d "
                    + "byte%s (%,d bytes with the header), but the file %s %,d bytes", source, Arrays.toString(dims),
                    count, width, width == 1 ? "" : "s", needed, gzip ? "is gzip-compressed to" : "has", stored));
        }
        Memory.require(count * Float.BYTES, source + ": " + count + " values");
        float[] v = new float[(int) count];
        switch (type) {
            case 0x08 -> readBytes(v, in, true);
            case 0x09 -> readBytes(v, in, false);
            case 0x0B -> readEach(v, in::readShort);
            case 0x0C -> readEach(v, in::readInt);
            case 0x0D -> readEach(v, in::readFloat);
            default -> readEach(v, () -> (float) in.readDouble());
        }
        if (in.read() != -1) {
            throw new DataException(source + ": data after the " + count + " values the header declares");
        }
        return new Array(dims, v);
    }

    /**
     * Class labels from an IDX label file: integers in 0..{@code classes} − 1 (any below {@value #MAX_CLASSES} when
     * {@code classes} is 0), of at least two distinct values.
     *
     * @throws DataException naming the file and the first label at fault
     */
    public static int[] labels(Array labels, String source, int classes) {
        int limit = classes > 0 ? classes : MAX_CLASSES;
        if (labels.dims().length != 1) {
            throw new DataException(source + ": a label file holds one label per item, got dimensions "
                    + Arrays.toString(labels.dims()));
        }
        int[] y = new int[labels.items()];
        int first = -1;
        boolean several = false;
        for (int i = 0; i < y.length; i++) {
            float v = labels.values()[i];
            if (v != Math.rint(v) || v < 0 || v >= limit) {
                throw new DataException(source + ": label " + (i + 1) + " is " + (v == Math.rint(v) ? Long.toString((long) v)
                        : Float.toString(v)) + "; labels must be whole numbers from 0 to " + (limit - 1)
                        + (classes > 0 ? " (" + classes + " classes)" : ""));
            }
            y[i] = (int) v;
            several |= first >= 0 && y[i] != first;
            first = first < 0 ? y[i] : first;
        }
        if (!several) {
            throw new DataException(source + ": " + (y.length == 0 ? "no labels" : "every label is " + first)
                    + "; a classifier needs at least two classes");
        }
        return y;
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
