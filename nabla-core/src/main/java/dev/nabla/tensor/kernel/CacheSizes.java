package dev.nabla.tensor.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The per-core L2 and the shared L3 data cache sizes in bytes, as Linux reports them under
 * {@code /sys/devices/system/cpu/cpu0/cache}; elsewhere, or when a size cannot be read, 512 KB and 8 MB (the
 * smallest of the machines the project has measured). They size the GEMM's cache blocks, never its rounding.
 */
final class CacheSizes {
    static final long L2 = read(2, 512 * 1024);
    static final long L3 = read(3, 8 * 1024 * 1024);

    private CacheSizes() {
    }

    /** The size of the unified or data cache of {@code level}, or {@code fallback}. */
    static long read(int level, long fallback) {
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        for (int index = 0; index < 8; index++) {
            Path cache = dir.resolve("index" + index);
            try {
                if (!Files.isDirectory(cache)
                        || Integer.parseInt(Files.readString(cache.resolve("level")).trim()) != level
                        || Files.readString(cache.resolve("type")).trim().equals("Instruction")) {
                    continue;
                }
                long size = parseSize(Files.readString(cache.resolve("size")));
                return size > 0 ? size : fallback;
            } catch (IOException | RuntimeException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** "48K", "1024K", "32M" or a plain byte count, in bytes; -1 when unreadable. */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = t.endsWith("K") ? 1024 : t.endsWith("M") ? 1024 * 1024 : 1;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
