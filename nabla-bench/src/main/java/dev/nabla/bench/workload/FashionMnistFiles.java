package dev.nabla.bench.workload;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the four Fashion-MNIST IDX files (unsigned-byte images and labels, plain or gzipped) as the workloads
 * need them: pixels scaled to x/255 as float32 rows of 784, labels as ints.
 *
 * <p>A stop-gap private to the benchmarks: the library's own IDX reader ({@code dev.nabla.data.Idx}) is being
 * written elsewhere, and this class should give way to it once both are merged.
 */
public final class FashionMnistFiles {
    /** Debian's {@code dataset-fashion-mnist} puts the files here. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** One split: n images of rows·cols pixels in [0, 1], row-major, and their labels 0..9. */
    public record Split(float[] pixels, int[] labels, int count, int features) {
    }

    private FashionMnistFiles() {
    }

    /** The training split (60000 images). */
    public static Split train(Path dir) throws IOException {
        return split(dir, "train");
    }

    /** The test split (10000 images). */
    public static Split test(Path dir) throws IOException {
        return split(dir, "t10k");
    }

    private static Split split(Path dir, String prefix) throws IOException {
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        float[] pixels;
        int count;
        int features;
        try (DataInputStream in = open(images)) {
            int[] dims = header(in, 3, images);
            count = dims[0];
            features = dims[1] * dims[2];
            pixels = new float[count * features];
            // Converted a chunk at a time: a whole byte copy of the images would add 47 MB to the peak footprint.
            byte[] chunk = new byte[1 << 16];
            for (int at = 0; at < pixels.length; ) {
                int got = in.readNBytes(chunk, 0, Math.min(chunk.length, pixels.length - at));
                if (got <= 0) {
                    throw new IOException(images + " is truncated");
                }
                for (int i = 0; i < got; i++) {
                    pixels[at + i] = (chunk[i] & 0xff) / 255f;
                }
                at += got;
            }
        }
        int[] y;
        try (DataInputStream in = open(labels)) {
            int[] dims = header(in, 1, labels);
            if (dims[0] != count) {
                throw new IOException(labels + " holds " + dims[0] + " labels for " + count + " images");
            }
            byte[] raw = in.readNBytes(count);
            y = new int[count];
            for (int i = 0; i < count; i++) {
                y[i] = raw[i] & 0xff;
            }
        }
        return new Split(pixels, y, count, features);
    }

    /** The file itself or its gzipped form. */
    private static Path find(Path dir, String name) throws IOException {
        for (Path p : new Path[] {dir.resolve(name), dir.resolve(name + ".gz")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException("Fashion-MNIST file " + name + "[.gz] not found in " + dir
                + " (apt-get install -y dataset-fashion-mnist)");
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        return new DataInputStream(p.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
    }

    /** Magic 0x0000_08_rr (unsigned bytes, rank rr), then rr big-endian sizes. */
    private static int[] header(DataInputStream in, int rank, Path p) throws IOException {
        int magic = in.readInt();
        if (magic != (0x0800 | rank)) {
            throw new IOException(p + ": not an unsigned-byte IDX file of rank " + rank
                    + " (magic 0x" + Integer.toHexString(magic) + ")");
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
        }
        return dims;
    }
}
