package dev.nabla.cli;

import dev.nabla.data.DataSource;
import dev.nabla.tensor.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How a model was made, for its file: the Nabla version, every option of the command with its value (defaults
 * included), the thread count, and the SHA-256 and row count of each input. No timestamp: the same command on the
 * same data writes the same bytes.
 */
final class Provenance {
    /** Options that change how a run is watched or kept, not the model it makes. */
    private static final java.util.Set<String> NOT_THE_MODELS = java.util.Set.of("--verbose", "--checkpoint",
            "--checkpoint-every", "--resume");

    private Provenance() {
    }

    static Map<String, String> of(CommandSpec command, DataSource source, Path... inputFiles) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        String version = Nabla.class.getPackage().getImplementationVersion();
        p.put("nabla", version == null ? "dev" : version);
        p.put("command", command.qualifiedName());
        for (OptionSpec o : command.options()) {
            if (o.usageHelp() || o.versionHelp() || NOT_THE_MODELS.contains(o.longestName())) {
                continue;
            }
            Object value = o.getValue();
            if (value != null && !(value instanceof Collection<?> c && c.isEmpty())) {
                p.put(o.longestName(), value instanceof Collection<?> c ? String.join(",", c.stream().map(String::valueOf)
                        .toList()) : String.valueOf(value));
            }
        }
        p.put("threads", Integer.toString(Threads.count()));
        if (source.table() != null) {
            p.put("data.sha256", source.table().cells().sha256());
            p.put("data.rows", Integer.toString(source.table().cells().rows() + source.table().target().dropped()));
        } else {
            p.put("data.rows", Integer.toString(source.data().rows()
                    + (source.presetTest() == null ? 0 : source.presetTest().rows())));
        }
        for (Path f : inputFiles) {
            if (f != null) {
                p.put(f.getFileName() + ".sha256", sha256(f));
            }
        }
        return p;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
