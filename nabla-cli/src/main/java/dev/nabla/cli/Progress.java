package dev.nabla.cli;

import dev.nabla.train.EpochResult;
import dev.nabla.train.TrainListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on stderr: on a terminal a progress bar per epoch (samples done, running loss,
 * samples/s, ETA) that ends showing the epoch's metrics; elsewhere (a log file, CI, a test) one plain line
 * per epoch, because redrawn bars turn into noise there.
 */
public final class Progress implements TrainListener {
    private final PrintWriter lines;
    private final PrintStream terminal;
    private final int width;
    private String header;
    private int epochs;
    private int trainRows;
    private long epochStart;
    private long trainNanos;
    private double lossSum;
    private long rowsSeen;
    private long correctSeen;
    private ProgressBar bar;

    private Progress(PrintWriter lines, PrintStream terminal, int width) {
        this.lines = lines;
        this.terminal = terminal;
        this.width = width;
    }

    /** One line per epoch on {@code err}. */
    public static Progress lines(PrintWriter err) {
        return new Progress(err, null, 0);
    }

    /** A redrawn bar per epoch on {@code terminal}, {@code width} columns wide. */
    public static Progress bars(PrintStream terminal, int width) {
        return new Progress(null, terminal, width);
    }

    /**
     * Bars when stderr is a terminal, lines otherwise ({@link Terminal#stderrWidth()}); {@code header} is
     * printed when training starts, so a run that fails its checks before that prints only its error.
     */
    public static Progress forStderr(PrintWriter err, String header) {
        int width = Terminal.stderrWidth();
        Progress p = width > 0 ? bars(System.err, width) : lines(err);
        p.header = header;
        return p;
    }

    @Override
    public void onTrainStart(int epochs, int batchesPerEpoch, int trainRows) {
        this.epochs = epochs;
        this.trainRows = trainRows;
        if (header != null) {
            if (lines != null) {
                lines.println(header);
                lines.flush();
            } else {
                terminal.println(header);
            }
        }
    }

    @Override
    public void onEpochStart(int epoch) {
        epochStart = System.nanoTime();
        trainNanos = 0;
        lossSum = 0;
        rowsSeen = 0;
        correctSeen = 0;
        if (terminal != null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %" + digits(epochs) + "d/%d", epoch, epochs))
                    .setInitialMax(trainRows)
                    .setUnit(" samples", 1)
                    .showSpeed(new java.text.DecimalFormat("0"))
                    .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                    .setUpdateIntervalMillis(100)
                    // A fixed width keeps progressbar from opening a JLine terminal (and its native-access warnings).
                    .setConsumer(new ConsoleProgressBarConsumer(terminal, width))
                    .build();
        }
    }

    @Override
    public void onBatchEnd(int epoch, int batch, double loss, int rows, int correct) {
        lossSum += loss * rows;
        rowsSeen += rows;
        correctSeen += Math.max(correct, 0);
        trainNanos = System.nanoTime() - epochStart;
        if (bar != null) {
            bar.stepBy(rows);
            bar.setExtraMessage(correct < 0 ? String.format(Locale.ROOT, "  loss %.4f", lossSum / rowsSeen)
                    : String.format(Locale.ROOT, "  loss %.4f  acc %.4f", lossSum / rowsSeen, (double) correctSeen / rowsSeen));
        }
    }

    @Override
    public void onWarning(String message) {
        if (bar != null) {
            bar.setExtraMessage("  warning");
        }
        lines.println("nabla: warning: " + message);
        lines.flush();
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        String metrics = metrics(result.flat());
        if (bar != null) {
            // The bar shares one terminal line with this, so the names are abbreviated.
            bar.setExtraMessage("  " + metrics.replace("accuracy", "acc"));
            bar.close();
            bar = null;
            return;
        }
        double seconds = result.time().toNanos() / 1e9;
        lines.println(String.format(Locale.ROOT, "epoch %" + digits(epochs) + "d/%d  %s  %s samples/s  %.2f s",
                result.epoch(), epochs, metrics, samplesPerSecond(), seconds));
        lines.flush();
    }

    /** Training throughput of the epoch, validation excluded. */
    private String samplesPerSecond() {
        return trainNanos <= 0 ? "-" : String.format(Locale.ROOT, "%.0f", rowsSeen / (trainNanos / 1e9));
    }

    /**
     * {@code loss 0.1234  accuracy 0.9650  val_loss …  lr 1.00e-03}, in the history's order; the learning rate
     * in three significant digits, since a schedule takes it far below 0.0001.
     */
    static String metrics(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((name, value) -> {
            if (!sb.isEmpty()) {
                sb.append("  ");
            }
            if (name.equals(EpochResult.LEARNING_RATE)) {
                sb.append("lr ").append(String.format(Locale.ROOT, "%.2e", value));
            } else {
                sb.append(name).append(' ').append(String.format(Locale.ROOT, "%.4f", value));
            }
        });
        return sb.toString();
    }

    private static int digits(int n) {
        return Integer.toString(Math.max(1, n)).length();
    }
}
