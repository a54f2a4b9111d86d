package dev.nabla.cli;

import dev.nabla.data.DataException;
import dev.nabla.io.ModelFileException;
import dev.nabla.nn.ExportException;
import dev.nabla.train.DivergedException;
import dev.nabla.tensor.Memory;
import dev.nabla.train.TrainingException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The one place where failures become exit codes. Bad input (data, options, files) prints one line
 * {@code nabla: <message>} and exits 2; training that diverged exits 3; anything else prints one line and exits 1
 * (a first Ctrl-C or SIGTERM during training exits 130 or 143, see {@link Interrupts}). The stack trace is
 * printed only with {@code --verbose}: users get a sentence, developers can ask for more.
 */
final class Errors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int BAD_INPUT = 2;
    /** Training stopped because the loss or a gradient stopped being finite. */
    static final int DIVERGED = 3;

    private final boolean verbose;

    Errors(boolean verbose) {
        this.verbose = verbose;
    }

    /**
     * Runs the command line. An {@link OutOfMemoryError}, which picocli does not catch, becomes one line with the way
     * out (exit 2): the input or network is too large for this heap, not a bug to report.
     */
    int run(CommandLine cli, String[] args) {
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            PrintWriter err = cli.getErr();
            err.println("nabla: out of memory" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + "; the data or the network is too large for this heap of " + Memory.format(Memory.heap())
                    + moreHeap(2 * Memory.heap()));
            trace(err, e);
            return BAD_INPUT;
        }
    }

    /** How to give the JVM {@code bytes} of heap or more, e.g. {@code "; raise -Xmx with NABLA_JAVA_OPTS=-Xmx8g"}. */
    static String moreHeap(long bytes) {
        long gb = Math.max(2, (long) Math.ceil(bytes * 1.5 / (1L << 30)));
        return "; raise -Xmx with NABLA_JAVA_OPTS, e.g. NABLA_JAVA_OPTS=-Xmx" + gb + "g";
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("nabla: " + e.getMessage() + hint(e.getCommandLine()));
        trace(err, e);
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (rootCause(e) instanceof OutOfMemoryError oom) {
            throw oom;
        }
        int code = cause instanceof DivergedException ? DIVERGED : isBadInput(cause) ? BAD_INPUT : INTERNAL;
        String message = code != INTERNAL ? describe(cause)
                : "internal error: " + cause + (verbose ? "" : " (run with --verbose for the stack trace)");
        if (cause instanceof ParameterException) {
            message += hint(cli);
        }
        err.println("nabla: " + message);
        trace(err, e);
        return code;
    }

    /**
     * Whether {@code e} is the user's to fix: a bad file, value or option rather than a bug. An
     * {@link IllegalArgumentException} or {@code ShapeException} that reaches this handler is a bug: the commands turn
     * the library's refusal of an option's value into a {@link ParameterException} where they pass the value on.
     */
    static boolean isBadInput(Throwable e) {
        return e instanceof ParameterException
                || e instanceof DataException
                || e instanceof TrainingException
                || e instanceof FileSystemException
                || e instanceof Memory.TooLarge
                || e instanceof ModelFileException
                || e instanceof ExportException;
    }

    /** One line for a bad-input exception; file-system exceptions carry only the path, so say what happened. */
    static String describe(Throwable e) {
        return switch (e) {
            case NoSuchFileException f -> "no such file: " + f.getFile();
            case AccessDeniedException f -> "permission denied: " + f.getFile();
            case NotDirectoryException f -> "not a directory: " + f.getFile();
            case Memory.TooLarge m -> m.getMessage() + (m.needed() > 0 ? moreHeap(m.needed()) : "");
            case FileAlreadyExistsException f -> f.getFile() + ": already exists"
                    + (f.getReason() == null ? " (and is not a directory)" : ": " + f.getReason());
            case FileSystemException f -> f.getFile() + ": " + (f.getReason() != null ? f.getReason()
                    : words(f.getClass().getSimpleName()));
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** {@code DirectoryNotEmptyException} → {@code "directory not empty"}: a file-system exception's class says what happened. */
    static String words(String exceptionName) {
        String name = exceptionName.endsWith("Exception") ? exceptionName.substring(0, exceptionName.length() - 9)
                : exceptionName;
        return name.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 100; depth++) {
            t = t.getCause();
        }
        return t;
    }

    private String hint(CommandLine cli) {
        return " (see '" + cli.getCommandSpec().qualifiedName() + " --help')";
    }

    private void trace(PrintWriter err, Throwable e) {
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
    }
}
