package dev.nabla.data;

/**
 * A dataset as loaded, with the publisher's own test set when it has one (Fashion-MNIST's 10000 images),
 * which {@link Split} then uses as the test split instead of drawing one, and the input scaling that suits
 * the data.
 *
 * @param data       the rows to train (and validate) on
 * @param presetTest the publisher's test rows, or null
 * @param scaling    the scaling that suits the data: min-max for images (standardising each pixel would blow
 *                   up the noise of near-constant border pixels), standard for tables
 */
public record DataSource(Dataset data, Dataset presetTest, Scaling.Kind scaling) {
    public DataSource {
        java.util.Objects.requireNonNull(data);
        java.util.Objects.requireNonNull(scaling);
        if (presetTest != null && presetTest.featureCount() != data.featureCount()) {
            throw new IllegalArgumentException("test set has " + presetTest.featureCount() + " features, data "
                    + data.featureCount());
        }
    }

    /** A table with a preset test set, standard scaling. */
    public DataSource(Dataset data, Dataset presetTest) {
        this(data, presetTest, Scaling.Kind.STANDARD);
    }

    /** A table without a preset test set, standard scaling. */
    public static DataSource of(Dataset data) {
        return new DataSource(data, null);
    }
}
