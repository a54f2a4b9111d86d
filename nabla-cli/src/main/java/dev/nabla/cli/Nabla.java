package dev.nabla.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code nabla} command. stdout carries results, stderr progress and errors; the exit code is 0 on
 * success, 2 on bad input or usage, 1 on an internal error ({@link Errors}). A command is a class with picocli
 * annotations listed in {@code subcommands} below.
 */
@Command(name = "nabla", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Feedforward neural networks trained by backpropagation, in pure Java.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, DescribeCommand.class, SummaryCommand.class,
                ExportCommand.class, ImportCommand.class, ServeCommand.class,
                ExplainCommand.class, GradcheckCommand.class, DatasetsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        commandListHeading = "%nCommands:%n", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error (a bug), or a failed gradient check",
                "2:bad input or usage: a file, an option, an output that cannot be written, the heap"})
public final class Nabla implements java.util.concurrent.Callable<Integer> {

    /** Declared here and inherited by every subcommand, so it may come before or after the command name. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace too.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code nabla} alone: the list of commands, on stderr because it is not a result, and the usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Errors.BAD_INPUT;
    }

    public static void main(String[] args) {
        Interrupts.install();
        // Reports draw with AWT; a training run must never try to open a display.
        System.setProperty("java.awt.headless", "true");
        // Straight to the file descriptor: System.out swallows write errors, and a failed write of results must count.
        StandardOutput stdout = new StandardOutput(new java.io.FileOutputStream(java.io.FileDescriptor.out));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, out, err, stdout);
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given streams and returns its exit code; tests call this directly. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, null);
    }

    /** {@link #execute(String[], PrintWriter, PrintWriter)}; {@code stdout} (or null) tells why results were lost. */
    static int execute(String[] args, PrintWriter out, PrintWriter err, StandardOutput stdout) {
        // Read --verbose from the raw arguments: it must apply even when parsing itself fails.
        boolean verbose = Arrays.asList(args).contains("--verbose");
        Errors errors = new Errors(verbose);
        CommandLine cli = new CommandLine(new Nabla())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
        int code = errors.run(cli, args);
        if (out.checkError() && code == Errors.OK) {
            String why = stdout == null ? null : stdout.failure();
            err.println("nabla: cannot write the results to standard output" + (why == null ? "" : ": " + why));
            code = Errors.BAD_INPUT;
        }
        err.flush();
        return code;
    }
}
