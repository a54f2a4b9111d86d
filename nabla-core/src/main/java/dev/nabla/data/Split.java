package dev.nabla.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded train / validation / test split. Classification splits are stratified: each class is shuffled and
 * divided in the requested proportions, so every split keeps the class balance.
 *
 * @param train      rows to fit on
 * @param validation rows to validate on after each epoch (may have no rows)
 * @param test       held-out rows for the final metrics (may have no rows)
 */
public record Split(Dataset train, Dataset validation, Dataset test) {

    /**
     * Splits {@code source}: a preset test set is used as the test split when {@code test > 0}; otherwise
     * {@code test} and {@code validation} are fractions of the data rows (0 ≤ each, sum &lt; 1).
     */
    public static Split of(DataSource source, double validation, double test, long seed) {
        int[][] parts = rows(source, validation, test, seed);
        return of(source.data(), parts, source.presetTest() != null && test > 0 ? source.presetTest() : null);
    }

    /**
     * The row indices of {@code source.data()} for training, validation and test, in the file's order (the test
     * part is empty when a preset test set is used).
     */
    public static int[][] rows(DataSource source, double validation, double test, long seed) {
        if (!(validation >= 0 && test >= 0 && validation + test < 1)) {
            throw new IllegalArgumentException("validation (" + validation + ") and test (" + test
                    + ") fractions must be ≥ 0 and sum to less than 1");
        }
        Dataset data = source.data();
        boolean preset = source.presetTest() != null && test > 0;
        return data.isClassification()
                ? stratified(data.labels(), data.classNames().size(), validation, preset ? 0 : test, seed)
                : shuffled(data.rows(), validation, preset ? 0 : test, seed);
    }

    /** The rows {@code parts} of {@code data}; {@code presetTest}, when not null, replaces the test part. */
    public static Split of(Dataset data, int[][] parts, Dataset presetTest) {
        return new Split(data.subset(parts[0]), data.subset(parts[1]),
                presetTest != null ? presetTest : data.subset(parts[2]));
    }

    private static int[][] stratified(int[] labels, int classes, double validation, double test, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        int[][] parts = {new int[labels.length], new int[labels.length], new int[labels.length]};
        int[] sizes = new int[3];
        for (List<Integer> rows : byClass) {
            int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
            Batches.shuffle(r, rng);
            int nTest = (int) Math.round(r.length * test);
            int nVal = (int) Math.round(r.length * validation);
            nVal = Math.min(nVal, r.length - nTest);
            for (int i = 0; i < r.length; i++) {
                int part = i < nTest ? 2 : i < nTest + nVal ? 1 : 0;
                parts[part][sizes[part]++] = r[i];
            }
        }
        return sorted(parts, sizes);
    }

    private static int[][] shuffled(int n, double validation, double test, long seed) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        Batches.shuffle(r, new SplittableRandom(seed));
        int nTest = (int) Math.round(n * test);
        int nVal = Math.min((int) Math.round(n * validation), n - nTest);
        int[][] parts = {Arrays.copyOfRange(r, nTest + nVal, n), Arrays.copyOfRange(r, nTest, nTest + nVal),
                Arrays.copyOfRange(r, 0, nTest)};
        return sorted(parts, new int[] {parts[0].length, parts[1].length, parts[2].length});
    }

    /** Each part trimmed to its size and in the original row order, so a split reads like the file. */
    private static int[][] sorted(int[][] parts, int[] sizes) {
        int[][] out = new int[3][];
        for (int p = 0; p < 3; p++) {
            out[p] = Arrays.copyOf(parts[p], sizes[p]);
            Arrays.sort(out[p]);
        }
        return out;
    }
}
