package dev.nabla.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the safetensors format (Hugging Face): an unsigned 64-bit little-endian header length N, N bytes
 * of JSON {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}} padded
 * with spaces to a multiple of 8, then the tensors' little-endian bytes, offsets counted from the end of the header.
 *
 * <p>The reader trusts nothing: every length, offset and shape is checked against the file's size before anything is
 * allocated, and the tensors must tile the data buffer exactly (no overlap, hole or trailing byte). Any fault is a
 * {@link ModelFileException} naming the file and the tensor or field. Only F32 and F64 tensors of rank 0, 1 or 2 are
 * read, since those are what a {@link Tensor} holds (rank 0, shape {@code []}, for PyTorch's 0-dim entries such as
 * {@code num_batches_tracked}).
 */
public final class Safetensors {
    /** Largest header accepted, the limit of the reference (Rust) implementation: a hostile length allocates nothing. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final String METADATA = "__metadata__";
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");
    /** Other dtypes of the format, named so a file holding them gets "not supported" rather than "unknown". */
    private static final Set<String> OTHER_DTYPES = Set.of("BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "I32", "U32",
            "I64", "U64", "F8_E4M3", "F8_E5M2");
    /** Bytes moved per read or write call, so no buffer grows with the tensor. */
    private static final int CHUNK = 1 << 16;

    /** The tensors of a file in the order of its header, and its {@code __metadata__}. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    private Safetensors() {
    }

    /**
     * Writes {@code tensors} (in the map's order) and {@code metadata} to {@code file}, through a temporary file in
     * the same directory that is then renamed into place, so a failed write leaves any previous file untouched.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, Tensor>> entries = List.copyOf(tensors.entrySet());
        byte[] header = header(file, entries, metadata);
        try {
            AtomicFiles.write(file, (AtomicFiles.ChannelWriter) channel -> {
                ByteBuffer buf = ByteBuffer.allocate(Math.max(CHUNK, 8 + header.length)).order(ByteOrder.LITTLE_ENDIAN);
                buf.putLong(header.length).put(header).flip();
                writeFully(channel, buf);
                for (Map.Entry<String, Tensor> e : entries) {
                    writeData(channel, e.getValue(), buf);
                }
            });
        } catch (ModelFileException | java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static byte[] header(Path file, List<Map.Entry<String, Tensor>> entries, Map<String, String> metadata)
            throws ModelFileException {
        JsonObject json = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            json.add(METADATA, meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : entries) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name.isEmpty() || name.equals(METADATA)) {
                throw new ModelFileException(file + ": cannot name a tensor \"" + name + "\"");
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", t.dtype().name());
            JsonArray shape = new JsonArray();
            for (int s : t.shape()) {
                shape.add(s);
            }
            entry.add("shape", shape);
            long end = offset + (long) t.size() * t.dtype().bytes();
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            entry.add("data_offsets", offsets);
            json.add(name, entry);
            offset = end;
        }
        String text = new GsonBuilder().disableHtmlEscaping().create().toJson(json);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        // Padding the header to a multiple of 8 aligns the data buffer for readers that map the file.
        byte[] padded = Arrays.copyOf(utf8, (utf8.length + 7) / 8 * 8);
        Arrays.fill(padded, utf8.length, padded.length, (byte) ' ');
        return padded;
    }

    private static void writeData(FileChannel channel, Tensor t, ByteBuffer buf) throws IOException {
        int n = t.size();
        int perChunk = CHUNK / t.dtype().bytes();
        for (int start = 0; start < n; start += perChunk) {
            int count = Math.min(perChunk, n - start);
            buf.clear();
            if (t.dtype() == DType.F32) {
                buf.asFloatBuffer().put(t.floats(), start, count);
            } else {
                buf.asDoubleBuffer().put(t.doubles(), start, count);
            }
            buf.limit(count * t.dtype().bytes());
            writeFully(channel, buf);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** Reads a safetensors file, checking it completely first; see the class comment. */
    public static Contents read(Path file) throws ModelFileException {
        return read(file, false);
    }

    /**
     * {@link #read(Path)} for a state dict PyTorch saved: its I64 tensors too (BatchNorm's {@code num_batches_tracked}),
     * as numbers of the file's float dtype, each an integer of at most 2⁵³ in magnitude (float32 holds counts exactly
     * to 2²⁴, as DESIGN says of the counter).
     */
    public static Contents readTorch(Path file) throws ModelFileException {
        return read(file, true);
    }

    private static Contents read(Path file, boolean integers) throws ModelFileException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, channel, integers);
        } catch (ModelFileException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file", e);
        } catch (EOFException e) {
            throw new ModelFileException(file + ": file ended early (was it changed while being read?)", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e, e);
        }
    }

    /** What a file that is not safetensors seems to be, from its first bytes: text (a CSV?) or gzip. */
    private static String looksLike(byte[] first) {
        if ((first[0] & 0xff) == 0x1f && (first[1] & 0xff) == 0x8b) {
            return " (it is gzip-compressed)";
        }
        for (byte b : first) {
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f) {
                return "";
            }
        }
        // Printable ASCII or UTF-8 bytes: show them, so "sepal_le" tells a CSV given in place of a model.
        String text = new String(first, StandardCharsets.UTF_8).replaceAll("[\\r\\n\\t]", " ");
        return " (it begins with the text \"" + text + "\")";
    }

    /** A tensor's entry in the header, checked against itself; offsets are relative to the data buffer. */
    private record Entry(String name, DType dtype, int[] shape, long begin, long end, boolean integer) {
    }

    private static Contents read(Path file, FileChannel channel, boolean integers) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new ModelFileException(file + ": " + size + " bytes is too short for a safetensors file (8-byte header length)");
        }
        ByteBuffer lengthBytes = readBytes(channel, 0, 8);
        long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
        // A u64 above 2^63 reads as negative; it is just as impossible as one past the end of the file.
        if (headerLength < 0 || headerLength > size - 8) {
            throw new ModelFileException(file + ": not a safetensors file" + looksLike(lengthBytes.array())
                    + ": its first 8 bytes, read as the header's length, say " + Long.toUnsignedString(headerLength)
                    + " bytes, but the file has " + size);
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new ModelFileException(file + ": header length " + headerLength + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(readBytes(channel, 8, (int) headerLength)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file + ": the header is not valid UTF-8");
        }
        if (!text.startsWith("{")) {
            throw new ModelFileException(file + ": the header is not a JSON object");
        }
        JsonPlace root = JsonPlace.root(file.toString());
        JsonObject header = JsonPlace.parseObject(text, file.toString());
        long bufferSize = size - 8 - headerLength;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                metadata = metadata(root.key(METADATA), e.getValue());
            } else {
                entries.add(entry(file, e.getKey(), e.getValue(), bufferSize, integers));
            }
        }
        requireTiling(file, entries, bufferSize);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long dataStart = 8 + headerLength;
        DType floats = entries.stream().filter(e -> !e.integer()).map(Entry::dtype).findFirst().orElse(DType.F32);
        for (Entry e : entries) {
            Tensor t = readTensor(file, channel, dataStart + e.begin(), e);
            tensors.put(e.name(), e.integer() ? t.to(floats) : t);
        }
        return new Contents(tensors, metadata);
    }

    private static Map<String, String> metadata(JsonPlace place, JsonElement value) throws ModelFileException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> m : place.object(value).entrySet()) {
            out.put(m.getKey(), place.key(m.getKey()).string(m.getValue()));
        }
        return out;
    }

    private static Entry entry(Path file, String name, JsonElement value, long bufferSize, boolean integers)
            throws ModelFileException {
        JsonPlace place = new JsonPlace(file.toString(), "tensor \"" + name + "\"");
        JsonObject o = place.object(value);
        place.requireOnly(o, ENTRY_KEYS);
        String dtypeName = place.key("dtype").string(place.required(o, "dtype"));
        boolean integer = integers && dtypeName.equals("I64");
        DType dtype = switch (dtypeName) {
            case "F32" -> DType.F32;
            case "F64" -> DType.F64;
            // Eight bytes, as a float64's: read as longs and converted (readTensor).
            case "I64" -> {
                if (!integer) {
                    throw place.error("dtype I64 is not supported (Nabla reads F32 and F64)");
                }
                yield DType.F64;
            }
            default -> throw place.error(OTHER_DTYPES.contains(dtypeName)
                    ? "dtype " + dtypeName + " is not supported (Nabla reads F32 and F64)"
                    : "unknown dtype \"" + dtypeName + "\"");
        };
        JsonPlace shapePlace = place.key("shape");
        JsonArray shapeJson = shapePlace.array(place.required(o, "shape"));
        if (shapeJson.size() > 2) {
            throw shapePlace.error("rank " + shapeJson.size() + " is not supported (Nabla reads ranks 0, 1 and 2)");
        }
        int[] shape = new int[shapeJson.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            // Each dimension fits an int, so the product of two fits a long without overflow.
            shape[i] = shapePlace.index(i).integer(shapeJson.get(i), 0, Integer.MAX_VALUE);
            elements *= shape[i];
        }
        if (elements > Integer.MAX_VALUE - 8) {
            throw shapePlace.error(Arrays.toString(shape) + " holds " + elements + " elements, more than a Java array can");
        }
        JsonPlace offsetsPlace = place.key("data_offsets");
        JsonArray offsets = offsetsPlace.array(place.required(o, "data_offsets"));
        if (offsets.size() != 2) {
            throw offsetsPlace.error("expected [begin, end], got " + offsets.size() + " numbers");
        }
        long begin = offsetsPlace.index(0).integer(offsets.get(0));
        long end = offsetsPlace.index(1).integer(offsets.get(1));
        if (begin < 0 || end < begin || end > bufferSize) {
            throw offsetsPlace.error("[" + begin + ", " + end + "] is not a range inside the " + bufferSize
                    + "-byte data buffer");
        }
        long bytes = elements * dtype.bytes();
        if (end - begin != bytes) {
            throw place.error("shape " + Arrays.toString(shape) + " of " + dtypeName + " needs " + bytes
                    + " bytes, data_offsets span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end, integer);
    }

    /** The tensors, sorted by offset, must cover [0, bufferSize) exactly once. */
    private static void requireTiling(Path file, List<Entry> entries, long bufferSize) throws ModelFileException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin() != expected) {
                throw new ModelFileException(file + ": tensor \"" + e.name() + "\": data_offsets begin at " + e.begin()
                        + (e.begin() < expected ? ", overlapping the tensor before it, which ends at "
                        : ", leaving a hole after byte ") + expected);
            }
            expected = e.end();
        }
        if (expected != bufferSize) {
            throw new ModelFileException(file + ": " + (bufferSize - expected) + " bytes after the last tensor belong "
                    + "to none");
        }
    }

    private static Tensor readTensor(Path file, FileChannel channel, long position, Entry e) throws IOException {
        int n = Math.toIntExact((e.end() - e.begin()) / e.dtype().bytes());
        int perChunk = CHUNK / e.dtype().bytes();
        Tensor t = Tensor.zeros(e.dtype(), e.shape());
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < n; start += perChunk) {
            int count = Math.min(perChunk, n - start);
            buf.clear().limit(count * e.dtype().bytes());
            readFully(channel, position + (long) start * e.dtype().bytes(), buf);
            buf.flip();
            if (e.integer()) {
                integers(file, e, buf, t.doubles(), start, count);
            } else if (e.dtype() == DType.F32) {
                buf.asFloatBuffer().get(t.floats(), start, count);
            } else {
                buf.asDoubleBuffer().get(t.doubles(), start, count);
            }
        }
        return t;
    }

    /** {@code count} little-endian longs into {@code out} from {@code start}, each exact as a double. */
    private static void integers(Path file, Entry e, ByteBuffer buf, double[] out, int start, int count)
            throws ModelFileException {
        for (int i = 0; i < count; i++) {
            long v = buf.getLong();
            if (v > 1L << 53 || v < -(1L << 53)) {
                throw new ModelFileException(file + ": tensor \"" + e.name() + "\": the integer " + v
                        + " is beyond those a float64 holds exactly (2^53)");
            }
            out[start + i] = v;
        }
    }

    private static ByteBuffer readBytes(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        readFully(channel, position, buf);
        return buf.flip();
    }

    private static void readFully(FileChannel channel, long position, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            int read = channel.read(buf, position);
            if (read < 0) {
                throw new EOFException();
            }
            position += read;
        }
    }
}
