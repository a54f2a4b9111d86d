package dev.nabla.cli;

/**
 * Whether stderr is a terminal, and how wide. The JVM cannot ask isatty(2) about stderr, so the
 * {@code ./nabla} launcher tells it through {@code NABLA_STDERR_COLUMNS} (set only when {@code [ -t 2 ]});
 * without the launcher the answer is "not a terminal" unless {@code System.console()} says otherwise.
 */
final class Terminal {
    private static final int DEFAULT_WIDTH = 100;

    private Terminal() {
    }

    /** Columns of the terminal on stderr, or 0 when stderr is not known to be a terminal. */
    static int stderrWidth() {
        String columns = System.getenv("NABLA_STDERR_COLUMNS");
        if (columns != null) {
            try {
                int width = Integer.parseInt(columns.trim());
                return width > 0 ? width : 0;
            } catch (NumberFormatException e) {
                return DEFAULT_WIDTH;
            }
        }
        java.io.Console console = System.console();
        return console != null && console.isTerminal() ? DEFAULT_WIDTH : 0;
    }
}
