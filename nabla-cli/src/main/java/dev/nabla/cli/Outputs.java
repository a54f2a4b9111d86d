package dev.nabla.cli;

import dev.nabla.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's files, checked before any work starts so that a run never ends in an unwritable output, and never
 * overwrites its own input or one output with another: every output's directory exists or can be made, a file
 * output is not a directory (and a directory output not a file), and no output is the same file as an input or as
 * another output, compared after following links ({@link AtomicFiles#resolve}). A device or FIFO may be named
 * several times: it is written through, never replaced.
 * <pre>{@code
 * new Outputs(checks).input("--data", data).file("--out", out).file("--log", log).check();
 * }</pre>
 */
final class Outputs {
    private final Checks checks;
    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();

    /** A path as the user gave it, the option that gave it, and the file a write would change. */
    private record Named(String option, Path given, Path resolved) {
        String describe() {
            return option + " " + given;
        }
    }

    Outputs(Checks checks) {
        this.checks = checks;
    }

    /** A file the command reads; null, {@code -} (standard input) and dataset names that are no file are skipped. */
    Outputs input(String option, Object fileOrName) {
        if (fileOrName != null && !fileOrName.toString().equals("-")) {
            Path p = Path.of(fileOrName.toString());
            if (Files.exists(p)) {
                inputs.add(new Named(option, p, resolve(option, p)));
            }
        }
        return this;
    }

    /** A file the command writes; null is skipped. */
    Outputs file(String option, Path file) {
        if (file != null) {
            Path resolved = resolve(option, file);
            if (Files.isDirectory(resolved)) {
                checks.fail(option + " " + file + " is a directory; expected a file name");
            }
            if (!isDevice(resolved)) {
                // A device or FIFO is written in place; anything else is renamed into its directory.
                requireWritableDirectory(option, file, resolved.getParent());
            }
            outputs.add(new Named(option, file, resolved));
        }
        return this;
    }

    /** A directory the command writes the files {@code names} into; null is skipped. */
    Outputs directory(String option, Path dir, List<String> names) {
        if (dir != null) {
            Path resolved = resolve(option, dir);
            if (Files.exists(resolved) && !Files.isDirectory(resolved)) {
                checks.fail(option + " " + dir + " is a file; expected a directory");
            }
            requireWritableDirectory(option, dir, resolved);
            for (String name : names) {
                outputs.add(new Named(option, dir.resolve(name), resolve(option, dir.resolve(name))));
            }
        }
        return this;
    }

    /** Fails, naming both options, when an output is an input or another output. */
    void check() {
        for (int i = 0; i < outputs.size(); i++) {
            Named out = outputs.get(i);
            if (isDevice(out.resolved())) {
                continue;
            }
            for (Named in : inputs) {
                if (same(out.resolved(), in.resolved())) {
                    checks.fail(out.describe() + " is the input " + in.describe() + "; writing it would destroy the "
                            + "input (choose another file name)");
                }
            }
            for (int j = 0; j < i; j++) {
                Named other = outputs.get(j);
                if (same(out.resolved(), other.resolved())) {
                    checks.fail(other.describe() + " and " + out.describe() + " are the same file; give each output "
                            + "its own name");
                }
            }
        }
    }

    private Path resolve(String option, Path p) {
        try {
            return AtomicFiles.resolve(p);
        } catch (IOException e) {
            checks.fail(option + " " + p + ": " + Errors.describe(e));
            throw new AssertionError("unreachable");
        }
    }

    /** The nearest existing ancestor of {@code dir} must be a directory we may write in (the rest will be made). */
    private void requireWritableDirectory(String option, Path given, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            checks.fail(option + " " + given + ": " + existing + " is not a directory");
        }
        if (!Files.isWritable(existing)) {
            checks.fail(option + " " + given + ": cannot write in " + existing + " (permission denied or read-only)");
        }
    }

    private static boolean isDevice(Path p) {
        return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
    }

    private static boolean same(Path a, Path b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
