package dev.nabla.data;

/**
 * A dataset as loaded, with the publisher's own test set when it has one (Fashion-MNIST's 10000 images),
 * which {@link Split} then uses as the test split instead of drawing one.
 *
 * @param data       the rows to train (and validate) on
 * @param presetTest the publisher's test rows, or null
 */
public record DataSource(Dataset data, Dataset presetTest) {
    public DataSource {
        java.util.Objects.requireNonNull(data);
        if (presetTest != null && presetTest.featureCount() != data.featureCount()) {
            throw new IllegalArgumentException("test set has " + presetTest.featureCount() + " features, data "
                    + data.featureCount());
        }
    }

    /** A source without a preset test set. */
    public static DataSource of(Dataset data) {
        return new DataSource(data, null);
    }
}
