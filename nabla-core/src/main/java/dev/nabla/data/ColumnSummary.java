package dev.nabla.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a column holds, for {@code nabla describe}: missing and distinct counts, and min/mean/max of its numbers or
 * its most frequent levels.
 *
 * @param name     the column
 * @param missing  missing cells
 * @param distinct distinct values among the filled cells
 * @param min      smallest number (NaN without numbers)
 * @param mean     mean of the numbers
 * @param max      largest number
 * @param top      the most frequent levels with their counts, most frequent first (texts; empty for a number column)
 */
public record ColumnSummary(String name, int missing, int distinct, double min, double mean, double max,
                            List<Map.Entry<String, Integer>> top) {

    /** The summary of {@code c}; {@code levels} most frequent levels are listed when it holds text. */
    public static ColumnSummary of(Table.Column c, int levels) {
        int n = c.rows();
        int missing = 0;
        boolean text = false;
        float[] numbers = new float[n];
        int count = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (c.isMissing(i)) {
                missing++;
            } else if (c.isText(i)) {
                text = true;
            } else {
                numbers[count++] = c.number(i);
                sum += c.number(i);
            }
        }
        float[] sorted = Arrays.copyOf(numbers, count);
        Arrays.sort(sorted);
        int distinctNumbers = 0;
        for (int k = 0; k < count; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                distinctNumbers++;
            }
        }
        List<Map.Entry<String, Integer>> top = List.of();
        int distinct = distinctNumbers;
        if (text) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String level = c.level(i);
                if (level != null) {
                    counts.merge(level, 1, Integer::sum);
                }
            }
            distinct = counts.size();
            List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
            entries.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                    : Integer.compare(b.getValue(), a.getValue()));
            top = entries.subList(0, Math.min(levels, entries.size())).stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        }
        return new ColumnSummary(c.name(), missing, distinct, count == 0 ? Double.NaN : sorted[0],
                count == 0 ? Double.NaN : sum / count, count == 0 ? Double.NaN : sorted[count - 1], top);
    }
}
