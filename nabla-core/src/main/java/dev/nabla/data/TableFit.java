package dev.nabla.data;

/**
 * The schema and the pipeline fitted on the training rows of a table, from one profile of them: what
 * {@link Schema#infer(Table, int[], String, TableOptions)} and {@link Pipeline#fit(Table, int[], Schema, TableOptions)}
 * give one after the other, without counting the rows twice.
 */
public record TableFit(Schema schema, Pipeline pipeline) {
    /**
     * Fits on {@code rows} of {@code table}.
     *
     * @throws DataException as {@link Schema#infer(Table, int[], String, TableOptions)} and
     *                       {@link Pipeline#fit(Table, int[], Schema, TableOptions)} do
     */
    public static TableFit of(Table table, int[] rows, String target, TableOptions options) {
        Schema.requireNumeric(table, rows, target, options);
        TableProfile profile = TableProfile.of(table, rows, options, target);
        Schema schema = Schema.infer(profile, target, options);
        return new TableFit(schema, Pipeline.fit(table, rows, schema, options, profile));
    }
}
