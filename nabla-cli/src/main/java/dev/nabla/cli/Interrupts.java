package dev.nabla.cli;

import dev.nabla.io.AtomicFiles;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM during training: the first asks the run to stop after its current step — it writes a
 * checkpoint (with {@code --checkpoint}) and the best model so far, says how to resume and exits 130 or 143; a second
 * one exits at once, deleting the temporaries of writes under way. A server ({@link #serving}) is asked to stop instead.
 * Otherwise the first one exits at once too (the shutdown hook of {@link AtomicFiles} deletes any temporary).
 */
final class Interrupts {
    private static volatile int signal;
    private static volatile boolean training;
    private static volatile Runnable stop;

    private Interrupts() {
    }

    /** Takes over SIGINT and SIGTERM for this process. */
    static void install() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), Interrupts::handle);
            } catch (IllegalArgumentException e) {
                // The platform lacks the signal (or the JVM reserves it): keep its default behaviour.
            }
        }
    }

    private static void handle(Signal s) {
        int code = 128 + s.getNumber();
        if (signal != 0) {
            AtomicFiles.abandonInProgress();
            Runtime.getRuntime().halt(code);
        }
        signal = s.getNumber();
        Runnable server = stop;
        if (server != null) {
            new Thread(server, "nabla-stop").start();
        } else if (!training) {
            // Not between steps of a run: nothing to finish. System.exit runs the shutdown hooks (temporaries).
            System.err.println("nabla: " + name() + ": stopped before training (nothing written)");
            System.err.flush();
            new Thread(() -> System.exit(code), "nabla-exit").start();
        }
    }

    /** Marks the training loop as running (true) or not; while it runs a first signal only asks it to stop. */
    static void training(boolean on) {
        training = on;
    }

    /** While a server runs, a first signal runs {@code stop} (on its own thread) rather than exiting. */
    static void serving(Runnable stop) {
        Interrupts.stop = stop;
    }

    /** Whether a stop was asked for. */
    static boolean requested() {
        return signal != 0;
    }

    /** 130 after SIGINT, 143 after SIGTERM. */
    static int exitCode() {
        return 128 + signal;
    }

    /** INT or TERM, for messages. */
    static String name() {
        return signal == 2 ? "Ctrl-C (SIGINT)" : "SIGTERM";
    }
}
