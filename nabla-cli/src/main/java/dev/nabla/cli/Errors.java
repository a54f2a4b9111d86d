package dev.nabla.cli;

import dev.nabla.data.DataException;
import dev.nabla.io.ModelFileException;
import dev.nabla.train.DivergedException;
import dev.nabla.train.TrainingException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
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
                || e instanceof ModelFileException;
    }

    /** One line for a bad-input exception; file-system exceptions carry only the path, so say what happened. */
    static String describe(Throwable e) {
        return switch (e) {
            case NoSuchFileException f -> "no such file: " + f.getFile();
            case AccessDeniedException f -> "permission denied: " + f.getFile();
            case NotDirectoryException f -> "not a directory: " + f.getFile();
            case FileSystemException f -> f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName()
                    : f.getReason());
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
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
