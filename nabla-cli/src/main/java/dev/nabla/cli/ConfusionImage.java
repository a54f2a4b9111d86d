package dev.nabla.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A confusion matrix as an annotated grid: rows are true classes, columns predicted ones, each cell shows
 * its count and is shaded by its share of the row, so a good model draws a dark diagonal whatever the
 * class sizes. Drawn with Java2D rather than a chart library because the counts must be legible.
 */
final class ConfusionImage {
    private static final int MAX_LABEL = 14;

    private ConfusionImage() {
    }

    /**
     * @param counts     counts[t][p]: rows of true class t predicted as p; square, one row per class
     * @param classNames one name per class, in label order
     */
    static BufferedImage draw(int[][] counts, List<String> classNames) {
        int k = counts.length;
        if (k == 0 || classNames.size() != k) {
            throw new IllegalArgumentException("confusion matrix of " + k + " rows for " + classNames.size() + " classes");
        }
        int cell = Math.max(28, Math.min(64, 640 / k));
        int left = 24 + 8 * Math.min(MAX_LABEL, longest(classNames));
        int top = 70;
        int width = left + k * cell + 20;
        int height = top + k * cell + 20;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("Confusion matrix", 12, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("rows: true class, columns: predicted class", 12, 40);
            Font labels = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            Font numbers = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(14, cell / 3)));
            for (int t = 0; t < k; t++) {
                long rowTotal = 0;
                for (int p = 0; p < k; p++) {
                    rowTotal += counts[t][p];
                }
                g.setFont(labels);
                g.setColor(Color.BLACK);
                String name = shorten(classNames.get(t));
                g.drawString(name, left - 8 - g.getFontMetrics().stringWidth(name), top + t * cell + cell / 2 + 5);
                for (int p = 0; p < k; p++) {
                    double share = rowTotal == 0 ? 0 : (double) counts[t][p] / rowTotal;
                    int x = left + p * cell;
                    int y = top + t * cell;
                    g.setColor(shade(share));
                    g.fillRect(x, y, cell, cell);
                    g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                    g.setFont(numbers);
                    centre(g, Integer.toString(counts[t][p]), x, y, cell);
                }
            }
            g.setFont(labels);
            g.setColor(Color.BLACK);
            for (int p = 0; p < k; p++) {
                String name = shorten(classNames.get(p));
                FontMetrics fm = g.getFontMetrics();
                // Column labels above the grid; long names are cut to the cell rather than rotated.
                String fitted = fit(fm, name, cell - 2);
                g.drawString(fitted, left + p * cell + (cell - fm.stringWidth(fitted)) / 2, top - 8);
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawRect(left, top, k * cell, k * cell);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** White (0) to dark blue (1). */
    private static Color shade(double share) {
        double s = Math.sqrt(Math.max(0, Math.min(1, share)));
        return new Color((int) (255 - 225 * s), (int) (255 - 175 * s), (int) (255 - 75 * s));
    }

    private static void centre(Graphics2D g, String text, int x, int y, int cell) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, x + (cell - fm.stringWidth(text)) / 2, y + (cell + fm.getAscent() - fm.getDescent()) / 2);
    }

    private static String fit(FontMetrics fm, String text, int room) {
        String s = text;
        while (s.length() > 1 && fm.stringWidth(s) > room) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String shorten(String name) {
        return name.length() <= MAX_LABEL ? name : name.substring(0, MAX_LABEL - 1) + "…";
    }

    private static int longest(List<String> names) {
        return names.stream().mapToInt(String::length).max().orElse(1);
    }
}
